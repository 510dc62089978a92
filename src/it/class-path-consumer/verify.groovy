// The consumer build ran its check to the end, and the JVM printed no warning about native access.
String log = new File(basedir, 'build.log').text
assert log.contains('consumer check passed: class-path')
assert !log.contains('restricted method')
