package dev.keepalive.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The methods a compiled class refers to, read from its constant pool (JVMS 4.4): every {@code Methodref} and
 * {@code InterfaceMethodref} as {@code owner.name}, such as {@code java/lang/System.loadLibrary}, and every
 * string constant. A call, a method reference or a method handle constant all need such an entry.
 */
public final class ClassFileCalls {

    private static final int MAGIC = 0xCAFEBABE;

    private ClassFileCalls() {
    }

    /** Every {@code .class} file under a directory. */
    public static List<Path> classFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class")).sorted().toList();
        }
    }

    /** The methods one class file refers to, as {@code owner.name}, and its string constants, as {@code "text"}. */
    public static List<String> references(Path classFile) throws IOException {
        try (InputStream in = Files.newInputStream(classFile)) {
            return references(new DataInputStream(in));
        }
    }

    private static List<String> references(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        int[] tag = new int[count];
        for (int i = 1; i < count; i++) {
            tag[i] = in.readUnsignedByte();
            switch (tag[i]) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two entries
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag[i] + " at " + i);
            }
        }
        List<String> references = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tag[i] == 10 || tag[i] == 11) {
                String owner = utf8[first[first[i]]];
                String name = utf8[first[second[i]]];
                references.add(owner + "." + name);
            } else if (tag[i] == 8) {
                references.add('"' + utf8[first[i]] + '"');
            }
        }
        return references;
    }
}
