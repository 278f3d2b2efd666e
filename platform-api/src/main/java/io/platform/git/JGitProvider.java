package io.platform.git;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.UpstreamException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.eclipse.jgit.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Plain Git through JGit, for any URL the platform reaches (file, http(s) with credentials in the URL,
 * ssh with the keys of the user running the platform). Each service has a bare mirror under
 * {@code {platform.home}/git/mirrors}, cloned once and fetched on every use; integration work trees are
 * built from the mirror and never pushed.
 */
@Component(PlainGit.NAME)
class JGitProvider implements GitProvider, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(JGitProvider.class);

	private static final List<RefSpec> MIRROR_REFSPECS = List.of(new RefSpec("+refs/heads/*:refs/heads/*"),
			new RefSpec("+refs/tags/*:refs/tags/*"));

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");

	// Loose objects and pack files never change once written, so a work tree can share them by hard link.
	private static final Pattern OBJECT_FILE = Pattern
		.compile("[0-9a-f]{2}/[0-9a-f]{38}|pack/pack-[0-9a-f]+\\.(pack|idx|rev|bitmap)");

	private static final PersonIdent IDENTITY = new PersonIdent("platform", "platform@localhost");

	private final Path mirrors;

	private final int timeoutSeconds;

	private final SshdSessionFactory ssh;

	private final ConcurrentMap<String, Mirror> mirrorsByKey = new ConcurrentHashMap<>();

	@Autowired
	JGitProvider(@Value("${platform.home}") Path home, @Value("${platform.git.timeout:60}") int timeoutSeconds) {
		this(home, timeoutSeconds, Path.of(System.getProperty("user.home"), ".ssh"));
	}

	JGitProvider(Path home, int timeoutSeconds, Path sshDirectory) {
		this.mirrors = home.resolve("git").resolve("mirrors");
		this.timeoutSeconds = timeoutSeconds;
		this.ssh = new SshdSessionFactoryBuilder().setHomeDirectory(sshDirectory.toAbsolutePath().getParent().toFile())
			.setSshDirectory(sshDirectory.toFile())
			.build(new JGitKeyCache());
	}

	@Override
	public void destroy() {
		for (Mirror mirror : mirrorsByKey.values()) {
			mirror.lock.lock();
			try {
				mirror.close();
			}
			finally {
				mirror.lock.unlock();
			}
		}
		ssh.close();
	}

	@Override
	public List<Branch> branches(GitRemote remote) {
		return withMirror(remote, (repo, access) -> {
			List<Ref> refs = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
			List<Branch> branches = new ArrayList<>(refs.size());
			try (RevWalk walk = new RevWalk(repo)) {
				for (Ref ref : refs) {
					if (ref.getObjectId() != null && walk.parseAny(ref.getObjectId()) instanceof RevCommit commit) {
						branches.add(branch(Repository.shortenRefName(ref.getName()), commit));
					}
				}
			}
			branches.sort(Comparator.comparing(Branch::name));
			return branches;
		});
	}

	@Override
	public Branch createBranch(GitRemote remote, String name, String from) {
		BranchNames.requireNewBranch(name);
		if (from == null || from.isBlank()) {
			throw new InvalidInputException("from", "Say which branch, tag or commit the new branch starts from.");
		}
		return withMirror(remote, (repo, access) -> {
			String ref = Constants.R_HEADS + name;
			if (exactRef(repo, ref) != null) {
				throw new ConflictException("Branch '" + name + "' already exists in " + access.masked() + ".");
			}
			Collection<String> clashing = repo.getRefDatabase().getConflictingNames(ref);
			if (!clashing.isEmpty()) {
				throw new ConflictException("Branch '" + name + "' cannot be created in " + access.masked()
						+ " because branch '" + Repository.shortenRefName(clashing.iterator().next())
						+ "' exists (Git cannot hold both 'a' and 'a/b').");
			}
			RevCommit start = startPoint(repo, access, from.strip());
			push(repo, access, start, name);
			RefUpdate update = repo.updateRef(ref);
			update.setNewObjectId(start);
			update.setExpectedOldObjectId(ObjectId.zeroId());
			update.setRefLogMessage("created by the platform", false);
			update.update();
			log.info("Created branch {} at {} in {}", name, start.abbreviate(7).name(), access.masked());
			return branch(name, start);
		});
	}

	@Override
	public List<BranchHead> resolve(GitRemote remote, List<String> branches) {
		if (!Files.isDirectory(mirrorDir(remote.key()))) {
			// A service's first deployment: the remote's refs answer at once, its clone is the checkout's work
			// and no request waits for it.
			RemoteAccess access = RemoteAccess.of(remote.url());
			Map<String, Ref> refs = listRemote(access);
			return heads(branches, name -> refs.get(Constants.R_HEADS + name), access);
		}
		return withMirror(remote, (repo, access) -> heads(branches, name -> {
			try {
				return exactRef(repo, Constants.R_HEADS + name);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, access));
	}

	private static List<BranchHead> heads(List<String> branches, Function<String, Ref> lookup, RemoteAccess access) {
		// Before any lookup: a ref is a file under the mirror, and '../' would climb out of it.
		branches.forEach(branch -> BranchNames.requireBranch("branches", branch));
		List<BranchHead> heads = new ArrayList<>(branches.size());
		List<String> unknown = new ArrayList<>();
		for (String name : branches) {
			Ref ref = name == null ? null : lookup.apply(name);
			if (ref == null || ref.getObjectId() == null) {
				unknown.add("'" + name + "'");
			}
			else {
				heads.add(new BranchHead(name, ref.getObjectId().name()));
			}
		}
		if (!unknown.isEmpty()) {
			throw new InvalidInputException("branches", (unknown.size() == 1 ? "Branch " : "Branches ")
					+ String.join(", ", unknown) + (unknown.size() == 1 ? " does" : " do") + " not exist in "
					+ access.masked() + ".");
		}
		return heads;
	}

	private Map<String, Ref> listRemote(RemoteAccess access) {
		try {
			return remote(Git.lsRemoteRepository(), access).setRemote(access.url()).setHeads(true).callAsMap();
		}
		catch (GitAPIException | RuntimeException ex) {
			throw GitFailures.upstream(access, "read the branches of", timeoutSeconds, ex);
		}
	}

	@Override
	public Integration integrate(GitRemote remote, List<BranchHead> heads, Path workTree, Consumer<String> progress) {
		if (heads.isEmpty()) {
			throw new IllegalArgumentException("No branch to integrate");
		}
		try {
			if (Files.exists(workTree)) {
				try (Stream<Path> entries = Files.list(workTree)) {
					if (entries.findAny().isPresent()) {
						throw new IllegalArgumentException("Work tree " + workTree + " is not empty");
					}
				}
			}
			Path gitDir = workTree.resolve(Constants.DOT_GIT);
			Git.init().setDirectory(workTree.toFile()).setInitialBranch(heads.get(0).branch()).call().close();
			withMirror(remote, false, (mirror, access) -> {
				requireCommits(mirror, access, heads);
				shareObjects(mirror.getDirectory().toPath().resolve("objects"), gitDir.resolve("objects"));
				return null;
			});
			try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
				StoredConfig config = repo.getConfig();
				config.setString("user", null, "name", IDENTITY.getName());
				config.setString("user", null, "email", IDENTITY.getEmailAddress());
				config.save();
				ObjectId commit = merge(repo, heads, progress);
				checkout(repo, heads.get(0).branch(), commit);
				progress.accept("work tree at " + commit.abbreviate(7).name());
				return new Integration(commit.name(), List.copyOf(heads), workTree);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare work tree " + workTree, ex);
		}
		catch (GitAPIException ex) {
			throw new IllegalStateException("Could not prepare work tree " + workTree, ex);
		}
	}

	@Override
	public void forget(GitRemote remote) {
		Path dir = mirrorDir(remote.key());
		Mirror mirror = mirror(remote.key());
		mirror.lock.lock();
		try {
			mirror.close();
			FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
			log.info("Dropped the Git mirror of {}", remote.key());
		}
		catch (IOException ex) {
			// The service is gone either way; a leftover mirror only costs disk space.
			log.warn("Could not delete the Git mirror of {} at {}", remote.key(), dir, ex);
		}
		finally {
			mirror.lock.unlock();
		}
	}

	// --- the mirror

	/** One service's mirror: its lock, and the repository kept open so its refs and pack indexes stay cached. */
	private static final class Mirror {

		final ReentrantLock lock = new ReentrantLock();

		Repository repository;

		/** When the last successful fetch started ({@link System#nanoTime()}), null before the first. */
		Long fetchStarted;

		void close() {
			fetchStarted = null;
			if (repository != null) {
				repository.close();
				repository = null;
			}
		}

	}

	private interface MirrorWork<T> {

		T run(Repository mirror, RemoteAccess access) throws IOException;

	}

	private <T> T withMirror(GitRemote remote, MirrorWork<T> work) {
		return withMirror(remote, true, work);
	}

	/** Runs {@code work} on the service's mirror, holding its lock; clones it first if absent, else fetches when asked. */
	private <T> T withMirror(GitRemote remote, boolean fetch, MirrorWork<T> work) {
		RemoteAccess access = RemoteAccess.of(remote.url());
		Path dir = mirrorDir(remote.key());
		Mirror mirror = mirror(remote.key());
		long arrived = System.nanoTime();
		mirror.lock.lock();
		try {
			if (mirror.repository == null || !Files.isDirectory(dir)) {
				mirror.close();
				mirror.repository = open(dir);
				if (mirror.repository == null) {
					long started = System.nanoTime();
					mirror.repository = cloneMirror(dir, access);
					mirror.fetchStarted = started;
					fetch = false;
				}
			}
			Repository repo = mirror.repository;
			StoredConfig config = repo.getConfig();
			if (!access.url().equals(config.getString("remote", "origin", "url"))) {
				// The service's URL changed: fetch from the new one; prune drops the branches it does not have.
				log.info("Git mirror {} now follows {}", dir.getFileName(), access.masked());
				config.setString("remote", "origin", "url", access.url());
				config.save();
				fetch = true;
			}
			else if (fetch && mirror.fetchStarted != null && mirror.fetchStarted - arrived >= 0) {
				// A fetch that began after this call arrived (while it waited for the lock) is fresh enough.
				fetch = false;
			}
			if (fetch) {
				long started = System.nanoTime();
				fetch(repo, access);
				mirror.fetchStarted = started;
			}
			return work.run(repo, access);
		}
		catch (IOException ex) {
			mirror.close();
			throw new UncheckedIOException("Git mirror of " + remote.key() + " failed", ex);
		}
		finally {
			mirror.lock.unlock();
		}
	}

	private static Repository open(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return null;
		}
		try {
			return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
		}
		catch (RepositoryNotFoundException ex) {
			log.warn("Git mirror {} is damaged; cloning it again", dir);
			FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
			return null;
		}
	}

	/** Clones into a temporary directory moved into place at the end, so a failed clone leaves no mirror behind. */
	private Repository cloneMirror(Path dir, RemoteAccess access) throws IOException {
		Files.createDirectories(dir.getParent());
		Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp-");
		try {
			try (Repository repo = Git.init().setBare(true).setGitDir(tmp.toFile()).call().getRepository()) {
				StoredConfig config = repo.getConfig();
				config.setString("remote", "origin", "url", access.url());
				config.setStringList("remote", "origin", "fetch", MIRROR_REFSPECS.stream().map(RefSpec::toString).toList());
				config.setBoolean("remote", "origin", "mirror", true);
				// Auto gc runs after fetches; in the foreground it stays under the mirror's lock.
				config.setBoolean("gc", null, "autoDetach", false);
				config.save();
				fetch(repo, access);
				// Thousands of loose refs are slow to scan; one packed-refs file is read at once.
				Git.wrap(repo).packRefs().setAll(true).call();
			}
			try {
				Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(tmp, dir);
			}
			catch (FileAlreadyExistsException ex) {
				throw new IOException("Git mirror " + dir + " appeared while cloning", ex);
			}
			log.info("Cloned {} into Git mirror {}", access.masked(), dir.getFileName());
			return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
		}
		catch (GitAPIException ex) {
			throw new IllegalStateException("Could not set up Git mirror " + dir, ex);
		}
		finally {
			FileUtils.delete(tmp.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
		}
	}

	private void fetch(Repository repo, RemoteAccess access) {
		try {
			remote(Git.wrap(repo).fetch(), access).setRemote(access.url())
				.setRefSpecs(MIRROR_REFSPECS)
				.setRemoveDeletedRefs(true)
				.setTagOpt(TagOpt.NO_TAGS)
				.call();
		}
		catch (GitAPIException | RuntimeException ex) {
			throw GitFailures.upstream(access, "fetch from", timeoutSeconds, ex);
		}
	}

	/** What every command that talks to the remote needs: the timeout, the credentials, the SSH set-up. */
	private <C extends TransportCommand<C, ?>> C remote(C command, RemoteAccess access) {
		return command.setTimeout(timeoutSeconds)
			.setCredentialsProvider(access.credentials())
			.setTransportConfigCallback(this::configure);
	}

	private void configure(Transport transport) {
		if (transport instanceof SshTransport sshTransport) {
			sshTransport.setSshSessionFactory(ssh);
		}
	}

	private Path mirrorDir(String key) {
		if (key == null || !KEY.matcher(key).matches() || key.contains("..")) {
			throw new IllegalArgumentException("Not a usable mirror name: " + key);
		}
		return mirrors.resolve(key + ".git");
	}

	private Mirror mirror(String key) {
		return mirrorsByKey.computeIfAbsent(key, k -> new Mirror());
	}

	/**
	 * A ref of the mirror. JGit's errors about an unreadable ref quote the file's content; that content
	 * stays out of the answer and the log, only the ref's name and the kind of failure are kept.
	 */
	private static Ref exactRef(Repository repo, String name) throws IOException {
		try {
			return repo.getRefDatabase().exactRef(name);
		}
		catch (IOException ex) {
			throw new IOException("Could not read ref " + name + " in " + repo.getDirectory() + " ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	// --- creating branches

	/** A branch, a tag or a (possibly abbreviated) commit id, in that order, as Git would look them up. */
	private static RevCommit startPoint(Repository repo, RemoteAccess access, String from) throws IOException {
		BranchNames.requireStartPoint("from", from);
		try (RevWalk walk = new RevWalk(repo)) {
			for (String prefix : List.of(Constants.R_HEADS, Constants.R_TAGS, "")) {
				Ref ref = prefix.isEmpty() && !from.startsWith(Constants.R_REFS) ? null
						: exactRef(repo, prefix + from);
				if (ref != null && ref.getObjectId() != null) {
					RevObject target = walk.peel(walk.parseAny(ref.getObjectId()));
					if (target instanceof RevCommit commit) {
						return commit;
					}
					throw new InvalidInputException("from", "'" + from + "' does not point to a commit.");
				}
			}
			if (HEX.matcher(from).matches()) {
				List<RevCommit> commits = new ArrayList<>();
				try (ObjectReader reader = repo.newObjectReader()) {
					for (ObjectId id : reader.resolve(AbbreviatedObjectId.fromString(from.toLowerCase()))) {
						if (walk.peel(walk.parseAny(id)) instanceof RevCommit commit) {
							commits.add(commit);
						}
					}
				}
				if (commits.size() == 1) {
					return commits.get(0);
				}
				if (commits.size() > 1) {
					throw new InvalidInputException("from",
							"Commit id '" + from + "' is ambiguous in " + access.masked() + "; give more of its characters.");
				}
			}
		}
		catch (MissingObjectException ex) {
			// Falls through to "unknown".
		}
		throw new InvalidInputException("from",
				"'" + from + "' is not a branch, tag or commit of " + access.masked() + ".");
	}

	private void push(Repository repo, RemoteAccess access, RevCommit commit, String name) {
		String ref = Constants.R_HEADS + name;
		RemoteRefUpdate.Status status;
		String message;
		try (Transport transport = Transport.open(repo, new URIish(access.url()))) {
			configure(transport);
			transport.setTimeout(timeoutSeconds);
			transport.setCredentialsProvider(access.credentials());
			// Expecting the zero id makes this a create: it never moves a branch someone made meanwhile.
			RemoteRefUpdate update = new RemoteRefUpdate(repo, (String) null, commit, ref, false, null,
					ObjectId.zeroId());
			PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
			RemoteRefUpdate done = result.getRemoteUpdate(ref);
			status = done.getStatus();
			message = access.scrub(done.getMessage());
		}
		catch (Exception ex) {
			throw GitFailures.upstream(access, "push to", timeoutSeconds, ex);
		}
		switch (status) {
			case OK, UP_TO_DATE -> {
			}
			case REJECTED_REMOTE_CHANGED, REJECTED_NONFASTFORWARD -> throw new ConflictException(
					"Branch '" + name + "' was created in " + access.masked() + " meanwhile; reload the branches.");
			case REJECTED_OTHER_REASON -> throw new ConflictException("The remote " + access.masked()
					+ " refused to create branch '" + name + "': " + (message == null ? "no reason given" : message) + ".");
			default -> throw new UpstreamException("Could not push branch '" + name + "' to " + access.masked() + ": "
					+ status.name().toLowerCase().replace('_', ' ') + (message == null ? "" : " (" + message + ")") + ".",
					null);
		}
	}

	private static Branch branch(String name, RevCommit commit) {
		return new Branch(name, commit.name(), commit.getFirstMessageLine(), commit.getAuthorIdent().getName(),
				Instant.ofEpochSecond(commit.getCommitTime()));
	}

	// --- integrating branches

	/** Makes sure the mirror holds every head; fetches once when one is missing (pushed after the last fetch). */
	private void requireCommits(Repository mirror, RemoteAccess access, List<BranchHead> heads) {
		if (missing(mirror, heads).isEmpty()) {
			return;
		}
		fetch(mirror, access);
		List<String> missing = missing(mirror, heads);
		if (!missing.isEmpty()) {
			throw new InvalidInputException("branches",
					"Commit(s) " + String.join(", ", missing) + " no longer exist in " + access.masked()
							+ "; reload the branches and deploy again.");
		}
	}

	private static List<String> missing(Repository mirror, List<BranchHead> heads) {
		return heads.stream().filter(head -> {
			try {
				return !mirror.getObjectDatabase().has(ObjectId.fromString(head.commit()));
			}
			catch (IOException | IllegalArgumentException ex) {
				return true;
			}
		}).map(head -> head.commit() + " (" + head.branch() + ")").toList();
	}

	/** Gives the work tree its own links to the mirror's objects: instant, and it survives the mirror's removal. */
	private static void shareObjects(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				String relative = from.relativize(file).toString().replace(File.separatorChar, '/');
				if (!OBJECT_FILE.matcher(relative).matches()) {
					continue;
				}
				Path target = to.resolve(relative);
				if (Files.exists(target)) {
					continue;
				}
				Files.createDirectories(target.getParent());
				try {
					Files.createLink(target, file);
				}
				catch (IOException | UnsupportedOperationException ex) {
					Files.copy(file, target);
				}
			}
		}
	}

	/**
	 * Merges the heads in order without fast-forward, in memory: nothing reaches the work tree unless every
	 * merge succeeds. The result is the first head when alone, else one commit whose parents are the heads.
	 */
	private static ObjectId merge(Repository repo, List<BranchHead> heads, Consumer<String> progress) throws IOException {
		String base = heads.get(0).branch();
		try (ObjectInserter inserter = repo.newObjectInserter();
				ObjectReader reader = inserter.newReader();
				RevWalk walk = new RevWalk(reader)) {
			RevCommit first = walk.parseCommit(ObjectId.fromString(heads.get(0).commit()));
			progress.accept("checked out " + base + " (" + first.abbreviate(7).name() + ")");
			List<RevCommit> parents = new ArrayList<>(List.of(first));
			List<String> merged = new ArrayList<>(List.of(base));
			List<RevCommit> mergedCommits = new ArrayList<>(List.of(first));
			RevCommit current = first;
			for (BranchHead head : heads.subList(1, heads.size())) {
				RevCommit tip = walk.parseCommit(ObjectId.fromString(head.commit()));
				String abbrev = tip.abbreviate(7).name();
				if (walk.isMergedInto(tip, current)) {
					progress.accept(head.branch() + " (" + abbrev + ") is already part of " + String.join(" + ", merged));
					continue;
				}
				ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, repo.getConfig());
				if (!merger.merge(current, tip)) {
					Set<String> files = new LinkedHashSet<>(merger.getUnmergedPaths());
					if (merger.getFailingPaths() != null) {
						files.addAll(merger.getFailingPaths().keySet());
					}
					List<String> culprits = culprits(repo, inserter, merged, mergedCommits, tip);
					culprits.add(head.branch());
					progress.accept("cannot merge " + head.branch() + " (" + abbrev + ") into " + String.join(" + ", merged)
							+ ": conflicts in " + String.join(", ", files));
					throw new MergeConflictException(culprits, List.copyOf(files));
				}
				parents.add(tip);
				merged.add(head.branch());
				mergedCommits.add(tip);
				CommitBuilder commit = new CommitBuilder();
				commit.setTreeId(merger.getResultTreeId());
				commit.setParentIds(parents);
				commit.setAuthor(new PersonIdent(IDENTITY, Instant.now()));
				commit.setCommitter(commit.getAuthor());
				commit.setMessage(message(merged));
				ObjectId id = inserter.insert(commit);
				inserter.flush();
				current = walk.parseCommit(id);
				progress.accept("merged " + head.branch() + " (" + abbrev + ") into " + String.join(" + ", merged.subList(0, merged.size() - 1)));
			}
			return current;
		}
	}

	/** The branches already merged that conflict with {@code tip} on their own; all of them when none does alone. */
	private static List<String> culprits(Repository repo, ObjectInserter inserter, List<String> merged,
			List<RevCommit> mergedCommits, RevCommit tip) throws IOException {
		List<String> culprits = new ArrayList<>();
		for (int i = 0; i < merged.size(); i++) {
			if (!MergeStrategy.RECURSIVE.newMerger(inserter, repo.getConfig()).merge(mergedCommits.get(i), tip)) {
				culprits.add(merged.get(i));
			}
		}
		return culprits.isEmpty() ? new ArrayList<>(merged) : culprits;
	}

	private static String message(List<String> merged) {
		List<String> others = merged.subList(1, merged.size()).stream().map(b -> "'" + b + "'").toList();
		String names = others.size() == 1 ? others.get(0)
				: String.join(", ", others.subList(0, others.size() - 1)) + " and " + others.get(others.size() - 1);
		return "Merge branch" + (others.size() == 1 ? " " : "es ") + names + " into " + merged.get(0)
				+ "\n\nIntegration commit made by the platform; never pushed.\n";
	}

	private static void checkout(Repository repo, String branch, ObjectId commit) throws IOException {
		RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
		update.setNewObjectId(commit);
		update.setRefLogMessage("integration", false);
		update.forceUpdate();
		try (RevWalk walk = new RevWalk(repo)) {
			DirCache index = repo.lockDirCache();
			DirCacheCheckout checkout = new DirCacheCheckout(repo, index, walk.parseCommit(commit).getTree());
			checkout.setFailOnConflict(true);
			checkout.checkout();
		}
	}

}
