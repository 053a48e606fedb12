package dev.bucketsql.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.apache.calcite.avatica.DriverVersion;

/** The driver's name and version, read from the build's resource file. */
final class BucketSqlVersion {
  static final String PRODUCT = "BucketSQL";

  private BucketSqlVersion() {}

  static String version() {
    Properties p = new Properties();
    try (InputStream in =
        BucketSqlVersion.class.getResourceAsStream("bucketsql-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "0.0.0");
  }

  static DriverVersion driverVersion() {
    String version = version();
    String[] parts = version.split("[.-]");
    int major = parts.length > 0 ? parse(parts[0]) : 0;
    int minor = parts.length > 1 ? parse(parts[1]) : 0;
    return new DriverVersion(
        PRODUCT + " JDBC Driver", version, PRODUCT, version, false, major, minor, major, minor);
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
