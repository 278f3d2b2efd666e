package io.platform.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** A real bare repository standing in for a service's remote; commits are written straight into it. */
public final class OriginRepository implements AutoCloseable {

	private final Repository repo;

	private final Path dir;

	private OriginRepository(Repository repo, Path dir) {
		this.repo = repo;
		this.dir = dir;
	}

	public static OriginRepository create(Path dir) throws Exception {
		Repository repo = Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().getRepository();
		return new OriginRepository(repo, dir);
	}

	public Repository repository() {
		return repo;
	}

	public Path dir() {
		return dir;
	}

	public String url() {
		return dir.toUri().toString();
	}

	/** Commits the given files (path -> content) on top of {@code branch}, creating it from main when absent. */
	public RevCommit commit(String branch, String message, Map<String, String> files) throws IOException {
		ObjectId parent = head(branch);
		return commit(branch, parent != null ? parent : head("main"), message, files);
	}

	/** Commits on top of {@code parent} (or as a root commit when null) and points {@code branch} at it. */
	public RevCommit commit(String branch, ObjectId parent, String message, Map<String, String> files) throws IOException {
		return commit(branch, parent, message, files, Map.of());
	}

	/**
	 * Commits files and symbolic links (path -> where the link points, as Git stores it) on top of
	 * {@code branch}, creating it from main when absent.
	 */
	public RevCommit commitWithLinks(String branch, String message, Map<String, String> files,
			Map<String, String> links) throws IOException {
		ObjectId parent = head(branch);
		return commit(branch, parent != null ? parent : head("main"), message, files, links);
	}

	private RevCommit commit(String branch, ObjectId parent, String message, Map<String, String> files,
			Map<String, String> links) throws IOException {
		try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader();
				RevWalk walk = new RevWalk(reader)) {
			DirCache index = DirCache.newInCore();
			if (parent != null) {
				DirCacheBuilder builder = index.builder();
				builder.addTree(new byte[0], 0, reader, walk.parseCommit(parent).getTree());
				builder.finish();
			}
			DirCacheEditor editor = index.editor();
			for (Map.Entry<String, String> file : files.entrySet()) {
				add(editor, inserter, file.getKey(), file.getValue(), FileMode.REGULAR_FILE);
			}
			for (Map.Entry<String, String> link : links.entrySet()) {
				add(editor, inserter, link.getKey(), link.getValue(), FileMode.SYMLINK);
			}
			editor.finish();
			CommitBuilder commit = new CommitBuilder();
			commit.setTreeId(index.writeTree(inserter));
			if (parent != null) {
				commit.setParentId(parent);
			}
			commit.setAuthor(new PersonIdent("Ada Lovelace", "ada@example.com", Instant.now(), java.time.ZoneOffset.UTC));
			commit.setCommitter(commit.getAuthor());
			commit.setMessage(message);
			ObjectId id = inserter.insert(commit);
			inserter.flush();
			setBranch(branch, id);
			return walk.parseCommit(id);
		}
	}

	private static void add(DirCacheEditor editor, ObjectInserter inserter, String path, String content, FileMode mode)
			throws IOException {
		ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
		editor.add(new DirCacheEditor.PathEdit(path) {
			@Override
			public void apply(DirCacheEntry entry) {
				entry.setFileMode(mode);
				entry.setObjectId(blob);
			}
		});
	}

	public void setBranch(String branch, ObjectId id) throws IOException {
		RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
		update.setNewObjectId(id);
		update.forceUpdate();
	}

	public void deleteBranch(String branch) throws IOException {
		RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
		update.setForceUpdate(true);
		update.delete();
	}

	public void tag(String name, ObjectId id, boolean annotated) throws Exception {
		try (Git git = Git.wrap(repo); RevWalk walk = new RevWalk(repo)) {
			git.tag().setName(name).setObjectId(walk.parseCommit(id)).setAnnotated(annotated).setMessage(annotated ? "release " + name : null).call();
		}
	}

	public ObjectId head(String branch) throws IOException {
		Ref ref = repo.exactRef(Constants.R_HEADS + branch);
		return ref == null ? null : ref.getObjectId();
	}

	@Override
	public void close() {
		repo.close();
	}

}
