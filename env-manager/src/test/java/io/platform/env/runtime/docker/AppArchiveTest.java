package io.platform.env.runtime.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppArchiveTest {

	@TempDir
	Path dir;

	@Test
	void archiveHoldsTheFolderThenTheFileOwnedByRoot() throws IOException {
		byte[] content = bytes(1000);
		Path file = Files.write(dir.resolve("build.jar"), content);
		Instant modified = Instant.parse("2024-05-06T07:08:09Z");
		Files.setLastModifiedTime(file, FileTime.from(modified));

		byte[] archive = read(file, "/app/app.jar");

		assertThat(archive.length % 512).isZero();
		try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
			TarArchiveEntry folder = tar.getNextEntry();
			assertThat(folder.getName()).isEqualTo("app/");
			assertThat(folder.isDirectory()).isTrue();
			assertThat(folder.getMode() & 07777).isEqualTo(0755);
			assertThat(folder.getLongUserId()).isZero();
			assertThat(folder.getLongGroupId()).isZero();
			TarArchiveEntry jar = tar.getNextEntry();
			assertThat(jar.getName()).isEqualTo("app/app.jar");
			assertThat(jar.isFile()).isTrue();
			assertThat(jar.getMode() & 07777).isEqualTo(0644);
			assertThat(jar.getLongUserId()).isZero();
			assertThat(jar.getLongGroupId()).isZero();
			assertThat(jar.getSize()).isEqualTo(content.length);
			assertThat(jar.getLastModifiedTime().toInstant()).isEqualTo(modified);
			assertThat(tar.readAllBytes()).isEqualTo(content);
			assertThat(tar.getNextEntry()).isNull();
		}
	}

	@Test
	void fileOfWholeBlocksAndEmptyFileNeedNoPadding() throws IOException {
		for (int size : new int[] { 0, 1024 }) {
			byte[] content = bytes(size);
			Path file = Files.write(dir.resolve("file-" + size), content);
			byte[] archive = read(file, "/app/app.jar");
			// Two headers, the content, two zero blocks that end the archive.
			assertThat(archive).hasSize(2 * 512 + size + 2 * 512);
			try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
				tar.getNextEntry();
				assertThat(tar.getNextEntry().getSize()).isEqualTo(size);
				assertThat(tar.readAllBytes()).isEqualTo(content);
				assertThat(tar.getNextEntry()).isNull();
			}
		}
	}

	@Test
	void targetMustBeAFileInAFolder() throws IOException {
		Path file = Files.write(dir.resolve("build.jar"), bytes(10));
		assertThatThrownBy(() -> AppArchive.of(file, "/app.jar")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AppArchive.of(file, "/app/")).isInstanceOf(IllegalArgumentException.class);
	}

	private static byte[] read(Path file, String target) throws IOException {
		try (InputStream in = AppArchive.of(file, target)) {
			return in.readAllBytes();
		}
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		return bytes;
	}

}
