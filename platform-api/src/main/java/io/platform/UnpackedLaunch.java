package io.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Runs the platform from an unpacked copy of its executable jar. Loading classes out of the jars nested in
 * the Spring Boot jar costs about a third of the start-up CPU (and some 50 MB of memory) compared with
 * loading them from plain jar files, so {@code java -jar platform-api.jar} unpacks the nested jars once per
 * build of the jar, next to it (or in the temp directory when that is read-only), and starts the
 * application from there in the same JVM. Anything unusual (not started from an executable jar, nothing
 * writable, {@code -Dplatform.unpack=false}) starts it from the jar as before.
 */
final class UnpackedLaunch {

	static final String DISABLE_PROPERTY = "platform.unpack";

	private static final String BOOT_LOADER = "org.springframework.boot.loader.launch.LaunchedClassLoader";

	private static final String CLASSES = "BOOT-INF/classes/";

	private static final String LIB = "BOOT-INF/lib/";

	private static final String INDEX = "BOOT-INF/classpath.idx";

	/** Written last into an unpacked copy: its class path, one file name per line. */
	private static final String CLASS_PATH_FILE = "classpath";

	private static final Duration STALE_UNPACKING = Duration.ofHours(1);

	private UnpackedLaunch() {
	}

	/**
	 * Runs {@code mainClass}'s main from the unpacked copy when {@code mainClass} was loaded from the jar's
	 * nested jars, and returns true once it has; returns false when the caller should start as it is.
	 */
	static boolean relaunch(Class<?> mainClass, String[] args) throws Throwable {
		ClassLoader loader = mainClass.getClassLoader();
		if (loader == null || !BOOT_LOADER.equals(loader.getClass().getName())
				|| "false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
			return false;
		}
		Path jar = launchedJar();
		if (jar == null) {
			return false;
		}
		List<URL> classPath;
		try {
			classPath = unpack(jar, List.of(jar.toAbsolutePath().getParent(), Path.of(System.getProperty("java.io.tmpdir"))));
		}
		catch (IOException | UncheckedIOException | SecurityException ex) {
			System.err.println("Starting from " + jar.getFileName() + " itself (slower): it could not be unpacked: " + ex);
			return false;
		}
		if (classPath == null) {
			return false;
		}
		// The parent is the JDK's class path (the jar itself, whose root holds only Spring Boot's launcher).
		URLClassLoader unpacked = new URLClassLoader(classPath.toArray(URL[]::new), loader.getParent());
		Thread.currentThread().setContextClassLoader(unpacked);
		try {
			Class.forName(mainClass.getName(), false, unpacked).getMethod("main", String[].class).invoke(null, (Object) args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		return true;
	}

	/** The executable jar {@code java -jar} started, or null when the class path is anything else. */
	private static Path launchedJar() {
		String classPath = System.getProperty("java.class.path", "");
		if (classPath.isEmpty() || classPath.contains(java.io.File.pathSeparator)) {
			return null;
		}
		Path jar = Path.of(classPath);
		return Files.isRegularFile(jar) ? jar : null;
	}

	/**
	 * The class path of the unpacked copy of {@code jar} under the first of {@code parents} that can hold
	 * it, unpacking it there first if no copy of this build of the jar exists yet; null when the jar is not
	 * an executable Spring Boot jar.
	 */
	static List<URL> unpack(Path jar, List<Path> parents) throws IOException {
		String prefix = "." + jar.getFileName() + "-unpacked-";
		String name = prefix + Long.toHexString(Files.size(jar)) + "-"
				+ Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
		IOException failure = null;
		for (Path parent : parents) {
			try {
				Path target = parent.resolve(name);
				if (Files.isRegularFile(target.resolve(CLASS_PATH_FILE))) {
					List<URL> classPath = classPathOf(target);
					if (classPath != null) {
						return classPath;
					}
					// Files went missing (a temp-directory cleaner, say): unpack it afresh.
					deleteQuietly(target);
				}
				if (!unpackInto(jar, parent, target)) {
					return null;
				}
				removeOtherCopies(parent, prefix, target);
				List<URL> classPath = classPathOf(target);
				if (classPath == null) {
					throw new IOException("The unpacked copy in " + target + " is incomplete");
				}
				return classPath;
			}
			catch (IOException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		throw failure != null ? failure : new IOException("no directory to unpack into");
	}

	/**
	 * Unpacks into a fresh directory that is then renamed to {@code target}, so a copy is either complete or
	 * absent; when another start won the race, its copy is used.
	 */
	private static boolean unpackInto(Path jar, Path parent, Path target) throws IOException {
		Path work = Files.createTempDirectory(parent, "." + jar.getFileName() + "-unpacking-");
		try (JarFile source = new JarFile(jar.toFile())) {
			List<String> libs = libraries(source);
			if (libs == null) {
				return false;
			}
			Files.createDirectories(work.resolve("lib"));
			List<String> classPath = new ArrayList<>();
			classPath.add(writeClasses(source, work.resolve("classes.jar")));
			for (String lib : libs) {
				String file = "lib/" + lib.substring(LIB.length());
				try (InputStream in = source.getInputStream(source.getJarEntry(lib))) {
					Files.copy(in, work.resolve(file));
				}
				classPath.add(file);
			}
			Files.write(work.resolve(CLASS_PATH_FILE), classPath, StandardCharsets.UTF_8);
			try {
				Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
				work = null;
			}
			catch (IOException ex) {
				// Another start may have unpacked the same build meanwhile.
				if (!Files.isRegularFile(target.resolve(CLASS_PATH_FILE))) {
					throw ex;
				}
			}
			return true;
		}
		finally {
			if (work != null) {
				deleteQuietly(work);
			}
		}
	}

	/** The nested jars in Spring Boot's class path order, or null when this is no executable Spring Boot jar. */
	private static List<String> libraries(JarFile source) throws IOException {
		JarEntry index = source.getJarEntry(INDEX);
		if (index == null) {
			return null;
		}
		Set<String> libs = new LinkedHashSet<>();
		try (InputStream in = source.getInputStream(index)) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				int start = line.indexOf('"');
				int end = line.lastIndexOf('"');
				if (start >= 0 && end > start) {
					libs.add(line.substring(start + 1, end));
				}
			}
		}
		for (Enumeration<JarEntry> entries = source.entries(); entries.hasMoreElements();) {
			String entry = entries.nextElement().getName();
			if (entry.startsWith(LIB) && entry.endsWith(".jar") && entry.indexOf('/', LIB.length()) < 0) {
				libs.add(entry);
			}
		}
		libs.removeIf(lib -> source.getJarEntry(lib) == null);
		return new ArrayList<>(libs);
	}

	/**
	 * The application's own classes and resources as one jar that keeps the manifest's Implementation-*
	 * attributes (the version in the start-up log comes from them).
	 */
	private static String writeClasses(JarFile source, Path target) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		Manifest original = source.getManifest();
		if (original != null) {
			original.getMainAttributes().forEach((key, value) -> {
				if (key.toString().startsWith("Implementation-")) {
					manifest.getMainAttributes().put(key, value);
				}
			});
		}
		try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
			for (Enumeration<JarEntry> entries = source.entries(); entries.hasMoreElements();) {
				JarEntry entry = entries.nextElement();
				if (!entry.getName().startsWith(CLASSES) || entry.getName().length() == CLASSES.length()) {
					continue;
				}
				JarEntry copy = new JarEntry(entry.getName().substring(CLASSES.length()));
				copy.setTime(entry.getTime());
				out.putNextEntry(copy);
				if (!entry.isDirectory()) {
					try (InputStream in = source.getInputStream(entry)) {
						in.transferTo(out);
					}
				}
				out.closeEntry();
			}
		}
		return target.getFileName().toString();
	}

	/** The copy's class path, or null when one of its files is missing. */
	private static List<URL> classPathOf(Path unpacked) throws IOException {
		List<URL> urls = new ArrayList<>();
		for (String file : Files.readAllLines(unpacked.resolve(CLASS_PATH_FILE), StandardCharsets.UTF_8)) {
			if (!file.isBlank()) {
				Path path = unpacked.resolve(file);
				if (!Files.isRegularFile(path)) {
					return null;
				}
				urls.add(toUrl(path));
			}
		}
		return urls;
	}

	private static URL toUrl(Path path) {
		try {
			return path.toUri().toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Copies of earlier builds of the jar go, and so do unpackings that a killed start left behind. A
	 * platform still running from an earlier build keeps the jars it has open.
	 */
	private static void removeOtherCopies(Path parent, String prefix, Path keep) {
		String unpacking = prefix.replace("-unpacked-", "-unpacking-");
		Instant staleBefore = Instant.now().minus(STALE_UNPACKING);
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (name.startsWith(prefix) && !entry.equals(keep)
						|| name.startsWith(unpacking) && Files.getLastModifiedTime(entry).toInstant().isBefore(staleBefore)) {
					deleteQuietly(entry);
				}
			}
		}
		catch (IOException ex) {
			// Tidying up only.
		}
	}

	private static void deleteQuietly(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// Tidying up only.
		}
	}

}
