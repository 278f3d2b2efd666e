package io.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class UnpackedLaunchTest {

	@TempDir
	Path dir;

	@Test
	void unpacksNextToTheJarInSpringBootsClassPathOrder() throws Exception {
		Path jar = bootJar(dir.resolve("app.jar"), "1.0");

		List<URL> classPath = UnpackedLaunch.unpack(jar, List.of(dir));

		assertThat(classPath).extracting(url -> Path.of(url.toURI()).getFileName().toString())
			.containsExactly("classes.jar", "b.jar", "a.jar");
		try (URLClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new), null)) {
			assertThat(read(loader, "application.properties")).isEqualTo("name=app");
			assertThat(read(loader, "from-a.txt")).isEqualTo("a");
			assertThat(read(loader, "from-b.txt")).isEqualTo("b");
		}
		try (JarFile classes = new JarFile(Path.of(classPath.get(0).toURI()).toFile())) {
			assertThat(classes.getManifest().getMainAttributes().getValue("Implementation-Version")).isEqualTo("1.0");
			assertThat(classes.getManifest().getMainAttributes().getValue("Main-Class")).isNull();
		}
	}

	@Test
	void laterStartsOfTheSameJarReuseTheCopy() throws Exception {
		Path jar = bootJar(dir.resolve("app.jar"), "1.0");
		List<URL> first = UnpackedLaunch.unpack(jar, List.of(dir));
		Path classes = Path.of(first.get(0).toURI());
		Files.setLastModifiedTime(classes, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

		List<URL> again = UnpackedLaunch.unpack(jar, List.of(dir));

		assertThat(again).isEqualTo(first);
		assertThat(Files.getLastModifiedTime(classes).toInstant()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
	}

	@Test
	void aCopyThatLostFilesIsUnpackedAgain() throws Exception {
		Path jar = bootJar(dir.resolve("app.jar"), "1.0");
		List<URL> first = UnpackedLaunch.unpack(jar, List.of(dir));
		Files.delete(Path.of(first.get(1).toURI()));

		List<URL> again = UnpackedLaunch.unpack(jar, List.of(dir));

		assertThat(again).isEqualTo(first);
		assertThat(Path.of(again.get(1).toURI())).exists();
	}

	@Test
	void aNewBuildOfTheJarReplacesTheCopyOfTheOldOne() throws Exception {
		Path jar = bootJar(dir.resolve("app.jar"), "1.0");
		Path old = Path.of(UnpackedLaunch.unpack(jar, List.of(dir)).get(0).toURI()).getParent();
		bootJar(jar, "2.0");
		Files.setLastModifiedTime(jar, FileTime.from(Files.getLastModifiedTime(jar).toInstant().plusSeconds(5)));

		Path fresh = Path.of(UnpackedLaunch.unpack(jar, List.of(dir)).get(0).toURI()).getParent();

		assertThat(fresh).isNotEqualTo(old);
		assertThat(old).doesNotExist();
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("app.jar",
					fresh.getFileName().toString());
		}
	}

	@Test
	void unpacksIntoTheNextFolderWhenTheFirstCannotHoldIt() throws Exception {
		Path jar = bootJar(dir.resolve("app.jar"), "1.0");
		Path notAFolder = Files.writeString(dir.resolve("file"), "x");
		Path temp = Files.createDirectory(dir.resolve("temp"));

		List<URL> classPath = UnpackedLaunch.unpack(jar, List.of(notAFolder, temp));

		assertThat(Path.of(classPath.get(0).toURI())).startsWith(temp);
	}

	@Test
	void aJarThatIsNoSpringBootJarIsNotUnpacked() throws Exception {
		Path jar = dir.resolve("plain.jar");
		write(jar, new Manifest(), Map.of("x/Y.class", new byte[] { 1 }));

		assertThat(UnpackedLaunch.unpack(jar, List.of(dir))).isNull();
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files).containsExactly(jar);
		}
	}

	/** A jar laid out as Spring Boot's repackaging lays it out, with two nested jars listed b before a. */
	private static Path bootJar(Path path, String version) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().putValue("Main-Class", "org.springframework.boot.loader.launch.JarLauncher");
		manifest.getMainAttributes().putValue("Implementation-Version", version);
		return write(path, manifest, Map.of("BOOT-INF/classes/application.properties", bytes("name=app"),
				"BOOT-INF/lib/a.jar", nestedJar("from-a.txt", "a"), "BOOT-INF/lib/b.jar", nestedJar("from-b.txt", "b"),
				"BOOT-INF/classpath.idx", bytes("- \"BOOT-INF/lib/b.jar\"\n- \"BOOT-INF/lib/a.jar\"\n")));
	}

	private static byte[] nestedJar(String entry, String content) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JarOutputStream out = new JarOutputStream(bytes)) {
			out.putNextEntry(new JarEntry(entry));
			out.write(bytes(content));
			out.closeEntry();
		}
		return bytes.toByteArray();
	}

	private static Path write(Path path, Manifest manifest, Map<String, byte[]> entries) throws IOException {
		try (OutputStream file = Files.newOutputStream(path); JarOutputStream out = new JarOutputStream(file, manifest)) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				out.putNextEntry(new JarEntry(entry.getKey()));
				out.write(entry.getValue());
				out.closeEntry();
			}
		}
		return path;
	}

	private static String read(ClassLoader loader, String resource) throws IOException {
		try (var in = loader.getResourceAsStream(resource)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
