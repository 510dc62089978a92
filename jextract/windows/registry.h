/*
 * Input header for the Windows registry bindings (class registry_h in package
 * dev.keepalive.internal.windows.gen), used to read the system-wide TCP
 * keep-alive defaults. Parsed like winsock.h (see compile_flags.txt and
 * generate.sh); which symbols end up in Java is decided by registry.args.
 *
 * The file is not called winreg.h: jextract puts this directory on the include
 * path, so that name would hide the system header it includes.
 */
#include <windows.h>    /* with WIN32_LEAN_AND_MEAN still brings in winreg.h */
#include <winreg.h>
#include <winerror.h>
