import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the shaded driver jar in place: every class file loses its local variable tables
 * ({@code LocalVariableTable}, {@code LocalVariableTypeTable}) and the constant pool entries
 * only they used, and every entry is stored at the highest deflate level with its sizes in its
 * header (no data descriptors).
 *
 * <p>Local variable tables name a method's locals for debuggers; the JVM never reads them, and
 * the parameter names reflection reports come from {@code MethodParameters}, which stays, as do
 * line numbers (stack traces keep their lines), annotations, stack map frames and the code
 * itself. Entry order, names and times are kept. A class file ASM cannot read is copied as it
 * is. Run by the driver's build after the shade step (docs/architecture.md, "The driver jar"),
 * with the single-file source launcher: {@code java -cp asm.jar StripLocalVariableTables.java JAR}.
 */
public final class StripLocalVariableTables {
  private StripLocalVariableTables() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: java StripLocalVariableTables.java JAR");
    }
    Path jar = Path.of(args[0]);
    Path rewritten = jar.resolveSibling(jar.getFileName() + ".tmp");
    long before = Files.size(jar);
    int classes = 0;
    List<String> copied = new ArrayList<>();
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
      out.setLevel(Deflater.BEST_COMPRESSION);
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        byte[] bytes;
        try (InputStream stream = in.getInputStream(entry)) {
          bytes = stream.readAllBytes();
        }
        if (entry.getName().endsWith(".class")) {
          classes++;
          try {
            bytes = strip(bytes);
          } catch (RuntimeException e) {
            // ASM refuses a few class files whose type annotations point past their code
            // (a javac quirk); the JVM ignores those, and the class stays as compiled
            copied.add(entry.getName() + " (" + e + ")");
          }
        }
        out.putNextEntry(entryFor(entry, bytes));
        out.write(bytes);
        out.closeEntry();
      }
    }
    Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf(
        "%s: %,d -> %,d bytes; %,d classes, %d copied as they were%n",
        jar.getFileName(), before, Files.size(jar), classes, copied.size());
    copied.forEach(name -> System.out.println("  copied as it was: " + name));
  }

  /** The class without local variable tables; everything else passes through unchanged. */
  private static byte[] strip(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    // a fresh writer (not one seeded with the reader's constant pool) keeps only the
    // constants still referenced, so the names the tables held go too
    ClassWriter writer = new ClassWriter(0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodVisitor(
                Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
              @Override
              public void visitLocalVariable(
                  String local, String desc, String sig, Label start, Label end, int index) {
                // dropped: debugger-only names of locals
              }
            };
          }
        },
        0);
    return writer.toByteArray();
  }

  /** An entry whose sizes and CRC are known before its data, so it needs no data descriptor. */
  private static ZipEntry entryFor(ZipEntry original, byte[] bytes) {
    ZipEntry entry = new ZipEntry(original.getName());
    entry.setTime(original.getTime());
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    entry.setSize(bytes.length);
    entry.setCompressedSize(deflatedSize(bytes));
    return entry;
  }

  /** What {@link ZipOutputStream} at the same level will write for these bytes. */
  private static long deflatedSize(byte[] bytes) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(bytes);
      deflater.finish();
      byte[] buffer = new byte[64 * 1024];
      long size = 0;
      while (!deflater.finished()) {
        size += deflater.deflate(buffer);
      }
      return size;
    } finally {
      deflater.end();
    }
  }
}
