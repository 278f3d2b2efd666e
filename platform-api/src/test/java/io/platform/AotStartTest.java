package io.platform;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AotStartTest {

	@TempDir
	Path dir;

	@Test
	void aJarWithTheGeneratedInitializerStartsAheadOfTime() throws Exception {
		Path jar = jar(true);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			assertThat(AotStart.isPackagedWithAotCode(loader.loadClass("sample.Main"))).isTrue();
		}
	}

	@Test
	void aJarWithoutGeneratedCodeStartsTheClassicWay() throws Exception {
		Path jar = jar(false);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			assertThat(AotStart.isPackagedWithAotCode(loader.loadClass("sample.Main"))).isFalse();
		}
	}

	@Test
	void classesFromAFolderStartTheClassicWayEvenBesideGeneratedCode() throws Exception {
		Path classes = Files.createDirectories(dir.resolve("classes/sample"));
		Files.write(classes.resolve("Main.class"), mainClass());
		Files.write(classes.resolve("Main__ApplicationContextInitializer.class"), new byte[] { 0 });
		try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.resolve("classes").toUri().toURL() }, null)) {
			assertThat(AotStart.isPackagedWithAotCode(loader.loadClass("sample.Main"))).isFalse();
		}
	}

	private Path jar(boolean withInitializer) throws Exception {
		Path jar = dir.resolve(withInitializer ? "aot.jar" : "plain.jar");
		try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
			out.putNextEntry(new JarEntry("sample/Main.class"));
			out.write(mainClass());
			out.closeEntry();
			if (withInitializer) {
				out.putNextEntry(new JarEntry("sample/Main__ApplicationContextInitializer.class"));
				out.write(0);
				out.closeEntry();
			}
		}
		return jar;
	}

	/** The bytes of an empty class sample.Main, compiled at test time. */
	private byte[] mainClass() throws Exception {
		Path source = Files.createDirectories(dir.resolve("src/sample")).resolve("Main.java");
		Files.writeString(source, "package sample; public class Main { }");
		Path out = Files.createDirectories(dir.resolve("out"));
		int exit = javax.tools.ToolProvider.getSystemJavaCompiler()
			.run(null, null, null, "-d", out.toString(), source.toString());
		assertThat(exit).isZero();
		return Files.readAllBytes(out.resolve("sample/Main.class"));
	}

}
