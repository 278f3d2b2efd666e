package io.platform.env.runtime.docker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A tar stream that puts one file into a container at an absolute path: an entry for its folder, then the
 * file, owned by root as a Dockerfile COPY leaves it. The file is read from disk while the stream is read,
 * so a large artifact is neither held in memory nor copied first.
 */
final class AppArchive {

	private static final int BLOCK = TarConstants.DEFAULT_RCDSIZE;

	private AppArchive() {
	}

	/** The archive of {@code file} as {@code target} (for instance {@code /app/app.jar}), to extract at "/". */
	static InputStream of(Path file, String target) throws IOException {
		String name = target.replaceFirst("^/+", "");
		int slash = name.lastIndexOf('/');
		if (slash <= 0 || slash == name.length() - 1) {
			throw new IllegalArgumentException("Not a file in a folder: " + target);
		}
		long size = Files.size(file);
		FileTime modified = Files.getLastModifiedTime(file);
		byte[] headers = new byte[2 * BLOCK];
		byte[] header = new byte[BLOCK];
		entry(name.substring(0, slash + 1), TarConstants.LF_DIR, modified, 0).writeEntryHeader(header);
		System.arraycopy(header, 0, headers, 0, BLOCK);
		entry(name, TarConstants.LF_NORMAL, modified, size).writeEntryHeader(header);
		System.arraycopy(header, 0, headers, BLOCK, BLOCK);
		// The file's last block is padded with zeros, and two zero blocks end the archive.
		int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
		InputStream content = Files.newInputStream(file);
		return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(headers), content,
				new ByteArrayInputStream(new byte[padding + 2 * BLOCK]))));
	}

	private static TarArchiveEntry entry(String name, byte type, FileTime modified, long size) {
		TarArchiveEntry entry = new TarArchiveEntry(name, type);
		entry.setMode(type == TarConstants.LF_DIR ? 040755 : 0100644);
		entry.setIds(0, 0);
		entry.setUserName("root");
		entry.setGroupName("root");
		entry.setModTime(modified);
		entry.setSize(size);
		return entry;
	}

}
