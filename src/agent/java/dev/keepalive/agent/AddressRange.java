package dev.keepalive.agent;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * A block of IPv4 or IPv6 addresses in CIDR form, such as {@code 10.0.0.0/8} or {@code fd00::/8}; a single
 * address is a block of one ({@code /32} or {@code /128}).
 */
public final class AddressRange {

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Reads a range. The address is a literal, never looked up in DNS.
     *
     * @param text an address, or an address, a slash and the prefix length: {@code 10.0.0.0/8},
     *     {@code 192.168.1.7}, {@code fd00::/8}, {@code ::1}
     * @return the range
     * @throws IllegalArgumentException if the address is not a literal, the prefix length is out of range, or
     *     bits below the prefix are set ({@code 10.1.0.0/8})
     */
    public static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String literal = slash < 0 ? text : text.substring(0, slash);
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IPv4 or IPv6 address");
        }
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefixLength = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            try {
                prefixLength = Integer.parseInt(length);
            } catch (NumberFormatException e) {
                prefixLength = -1;
            }
            if (prefixLength < 0 || prefixLength > bits || !length.matches("\\d{1,3}")) {
                throw new IllegalArgumentException("'" + length + "' in '" + text
                        + "' is not a prefix length from 0 to " + bits);
            }
        }
        AddressRange range = new AddressRange(bytes, prefixLength);
        byte[] masked = range.mask(bytes);
        if (!Arrays.equals(masked, bytes)) {
            throw new IllegalArgumentException("'" + text + "' has bits set below its prefix: did you mean "
                    + new AddressRange(masked, prefixLength) + "?");
        }
        return range;
    }

    /**
     * Whether an address lies in this range; an IPv4 address never lies in an IPv6 range, nor the reverse.
     *
     * @param address the address
     * @return {@code true} if it is in the range
     */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes), network);
    }

    private byte[] mask(byte[] bytes) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.clamp(prefixLength - i * 8L, 0, 8);
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    /**
     * Whether this is an IPv6 range.
     *
     * @return {@code true} for IPv6
     */
    public boolean ipv6() {
        return network.length == 16;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange that && prefixLength == that.prefixLength
                && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    /**
     * The range as {@link #parse} reads it: the address alone for a single one, else with its prefix length;
     * IPv6 in the short form of RFC 5952 ({@code fd00::/8}).
     */
    @Override
    public String toString() {
        String address = network.length == 4 ? ipv4() : ipv6Text();
        return prefixLength == network.length * 8 ? address : address + "/" + prefixLength;
    }

    private String ipv4() {
        return (network[0] & 0xff) + "." + (network[1] & 0xff) + "." + (network[2] & 0xff) + "." + (network[3] & 0xff);
    }

    /** Lower-case hex groups without leading zeros; the longest run of two or more zero groups becomes ::. */
    private String ipv6Text() {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (network[2 * i] & 0xff) << 8 | network[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
