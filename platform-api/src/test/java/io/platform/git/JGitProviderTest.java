package io.platform.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.UpstreamException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plain Git provider against real bare repositories reached through file:// URLs. */
class JGitProviderTest {

	@TempDir
	Path tmp;

	OriginRepository origin;

	JGitProvider git;

	GitRemote remote;

	RevCommit initial;

	@BeforeEach
	void setUp() throws Exception {
		origin = OriginRepository.create(tmp.resolve("origin.git"));
		initial = origin.commit("main", "Initial commit\n\nWith a body.", Map.of("README.md", "hello\n", "app.txt", "a\nb\nc\n"));
		git = new JGitProvider(tmp.resolve("home"), 10, tmp.resolve("ssh"));
		remote = new GitRemote("hello", origin.url());
	}

	@AfterEach
	void tearDown() {
		origin.close();
		git.destroy();
	}

	Path mirror() {
		return tmp.resolve("home/git/mirrors/hello.git");
	}

	@Test
	void listsBranchesByNameWithTheirHeadCommits() throws Exception {
		RevCommit feature = origin.commit("feature/login", "Add login form\nsecond line", Map.of("login.txt", "form\n"));

		List<Branch> branches = git.branches(remote);

		assertThat(branches).extracting(Branch::name).containsExactly("feature/login", "main");
		Branch login = branches.get(0);
		assertThat(login.commit()).isEqualTo(feature.name());
		assertThat(login.message()).isEqualTo("Add login form");
		assertThat(login.author()).isEqualTo("Ada Lovelace");
		assertThat(login.committedAt().getEpochSecond()).isEqualTo(feature.getCommitTime());
		assertThat(branches.get(1).message()).isEqualTo("Initial commit");
		assertThat(mirror().resolve("objects")).isDirectory();
	}

	@Test
	void reusesTheMirrorAndFetchesNewAndDeletedBranches() throws Exception {
		origin.commit("old", "Old work", Map.of("old.txt", "x\n"));
		assertThat(git.branches(remote)).extracting(Branch::name).containsExactly("main", "old");
		Object mirrorKey = Files.readAttributes(mirror(), java.nio.file.attribute.BasicFileAttributes.class).fileKey();
		Path marker = Files.writeString(mirror().resolve("marker"), "still the same mirror");

		RevCommit pushed = origin.commit("feature/new", "New work", Map.of("new.txt", "y\n"));
		origin.deleteBranch("old");
		RevCommit moved = origin.commit("main", "Second commit", Map.of("README.md", "hello again\n"));

		List<Branch> branches = git.branches(remote);
		assertThat(branches).extracting(Branch::name, Branch::commit)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("feature/new", pushed.name()),
					org.assertj.core.groups.Tuple.tuple("main", moved.name()));
		assertThat(marker).exists();
		assertThat(Files.readAttributes(mirror(), java.nio.file.attribute.BasicFileAttributes.class).fileKey())
			.isEqualTo(mirrorKey);
	}

	@Test
	void concurrentCallsShareOneMirrorSafely() throws Exception {
		var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
		try {
			List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				String name = "parallel/" + i;
				calls.add(pool.submit(() -> git.createBranch(remote, name, "main")));
				calls.add(pool.submit(() -> git.branches(remote)));
			}
			for (var call : calls) {
				call.get(60, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(git.branches(remote)).extracting(Branch::name).hasSize(13).contains("parallel/0", "parallel/11");
		assertThat(origin.head("parallel/7")).isEqualTo(initial.getId());
		try (var leftovers = Files.list(tmp.resolve("home/git/mirrors"))) {
			assertThat(leftovers).extracting(path -> path.getFileName().toString()).containsExactly("hello.git");
		}
	}

	@Test
	void followsTheServiceWhenItsUrlChanges() throws Exception {
		git.branches(remote);
		try (OriginRepository other = OriginRepository.create(tmp.resolve("other.git"))) {
			RevCommit develop = other.commit("develop", "Elsewhere", Map.of("x.txt", "x\n"));

			List<Branch> branches = git.branches(new GitRemote("hello", other.url()));

			assertThat(branches).extracting(Branch::name, Branch::commit)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("develop", develop.name()));
		}
	}

	@Test
	void createsABranchFromABranch() throws Exception {
		RevCommit feature = origin.commit("feature/a", "Feature A", Map.of("a.txt", "a\n"));

		Branch created = git.createBranch(remote, "release/1.0", "feature/a");

		assertThat(created.name()).isEqualTo("release/1.0");
		assertThat(created.commit()).isEqualTo(feature.name());
		assertThat(created.message()).isEqualTo("Feature A");
		assertThat(origin.head("release/1.0")).isEqualTo(feature.getId());
		assertThat(git.branches(remote)).extracting(Branch::name).contains("release/1.0");
	}

	@Test
	void createsABranchFromATagLightweightOrAnnotated() throws Exception {
		RevCommit second = origin.commit("main", "Second", Map.of("b.txt", "b\n"));
		origin.tag("v1.0", initial, true);
		origin.tag("v2.0", second, false);

		assertThat(git.createBranch(remote, "hotfix/1.0", "v1.0").commit()).isEqualTo(initial.name());
		assertThat(git.createBranch(remote, "hotfix/2.0", "v2.0").commit()).isEqualTo(second.name());
		assertThat(origin.head("hotfix/1.0")).isEqualTo(initial.getId());
	}

	@Test
	void createsABranchFromAnAbbreviatedCommitId() throws Exception {
		RevCommit second = origin.commit("main", "Second", Map.of("b.txt", "b\n"));

		Branch fromShort = git.createBranch(remote, "fix-short", initial.abbreviate(7).name());
		Branch fromFull = git.createBranch(remote, "fix-full", second.name().toUpperCase());

		assertThat(fromShort.commit()).isEqualTo(initial.name());
		assertThat(fromFull.commit()).isEqualTo(second.name());
		assertThat(origin.head("fix-short")).isEqualTo(initial.getId());
	}

	@ParameterizedTest(name = "[{index}] ''{0}'' {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			"feature x"        | must not contain spaces
			"a..b"             | must not contain '..'
			"a~1"              | must not contain '~'
			"a^b"              | must not contain '^'
			"a:b"              | must not contain ':'
			"what?"            | must not contain '?'
			"star*"            | must not contain '*'
			"br[acket"         | must not contain '['
			"back\\slash"      | must not contain '\\'
			"topic.lock"       | must not have a part ending with '.lock'
			"a.lock/b"         | must not have a part ending with '.lock'
			"-rf"              | must not start with '-'
			"/leading"         | must not start or end with '/'
			"trailing/"        | must not start or end with '/'
			"double//slash"    | must not start or end with '/' nor contain '//'
			"dot."             | must not end with '.'
			".hidden"          | must not have a part starting with '.'
			"a/.hidden"        | must not have a part starting with '.'
			"at@{1}"           | must not be '@' or contain '@{'
			"@"                | must not be '@' or contain '@{'
			"HEAD"             | must not be 'HEAD'
			""                 | must not be empty
			""" )
	void rejectsInvalidNamesBeforeTouchingAnyRepository(String name, String reason) {
		GitRemote unreachable = new GitRemote("nowhere", tmp.resolve("does-not-exist.git").toUri().toString());

		assertThatThrownBy(() -> git.createBranch(unreachable, name, "main")).isInstanceOfSatisfying(
				InvalidInputException.class, ex -> {
					assertThat(ex.field()).isEqualTo("name");
					assertThat(ex.getMessage()).contains("'" + name + "'").contains(reason);
				});
		assertThat(tmp.resolve("home/git/mirrors/nowhere.git")).doesNotExist();
	}

	@Test
	void refusesAnExistingBranch() throws Exception {
		origin.commit("feature/a", "Feature A", Map.of("a.txt", "a\n"));

		assertThatThrownBy(() -> git.createBranch(remote, "feature/a", "main")).isInstanceOf(ConflictException.class)
			.hasMessageContaining("'feature/a' already exists");
		assertThatThrownBy(() -> git.createBranch(remote, "feature", "main")).isInstanceOf(ConflictException.class)
			.hasMessageContaining("'feature/a' exists");
		assertThat(origin.head("feature/a")).isNotEqualTo(initial.getId());
	}

	@Test
	void refusesAnUnknownStartingPoint() throws Exception {
		for (String from : List.of("no-such-branch", "deadbeef", "v9.9")) {
			assertThatThrownBy(() -> git.createBranch(remote, "x", from))
				.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("from"))
				.hasMessageContaining("'" + from + "' is not a branch, tag or commit");
		}
		assertThat(origin.head("x")).isNull();
	}

	@Test
	void resolvesBranchesToTheirHeadsInOrderAndNamesUnknownOnes() throws Exception {
		RevCommit a = origin.commit("feature/a", "A", Map.of("a.txt", "a\n"));

		// Without a mirror yet (a service's first deployment) the remote's refs answer, and nothing is cloned.
		assertThat(git.resolve(remote, List.of("feature/a", "main")))
			.containsExactly(new BranchHead("feature/a", a.name()), new BranchHead("main", initial.name()));
		assertThat(mirror()).doesNotExist();
		assertThatThrownBy(() -> git.resolve(remote, List.of("main", "gone", "also-gone")))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("branches"))
			.hasMessageContaining("'gone', 'also-gone' do not exist");

		// With a mirror: fetched first, so a commit pushed since is the head.
		git.branches(remote);
		RevCommit later = origin.commit("feature/a", "A again", Map.of("a.txt", "a2\n"));
		assertThat(git.resolve(remote, List.of("feature/a"))).containsExactly(new BranchHead("feature/a", later.name()));
		assertThatThrownBy(() -> git.resolve(remote, List.of("gone")))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("branches"))
			.hasMessageContaining("Branch 'gone' does not exist");
	}

	@Test
	void anUnreachableRemoteIsAnUpstreamFailureWithOrWithoutAMirror() {
		GitRemote nowhere = new GitRemote("nowhere", tmp.resolve("missing.git").toUri().toString());
		assertThatThrownBy(() -> git.resolve(nowhere, List.of("main"))).isInstanceOf(UpstreamException.class)
			.hasMessageContaining("Could not read the branches of Git repository");
	}

	@Test
	void integratingOneBranchChecksOutItsHead() throws Exception {
		RevCommit a = origin.commit("feature/a", "A", Map.of("a.txt", "a\n"));
		List<String> log = new ArrayList<>();
		Path workTree = tmp.resolve("work");

		Integration integration = git.integrate(remote, git.resolve(remote, List.of("feature/a")), workTree, log::add);

		assertThat(integration.commit()).isEqualTo(a.name());
		assertThat(integration.workTree()).isEqualTo(workTree);
		assertThat(workTree.resolve("a.txt")).hasContent("a");
		assertThat(workTree.resolve("README.md")).hasContent("hello");
		assertThat(log).anyMatch(line -> line.contains("checked out feature/a (" + a.abbreviate(7).name() + ")"));
		try (Git work = Git.open(workTree.toFile())) {
			assertThat(work.getRepository().resolve("HEAD")).isEqualTo(a.getId());
			assertThat(work.getRepository().getBranch()).isEqualTo("feature/a");
			assertThat(work.status().call().isClean()).isTrue();
		}
	}

	@Test
	void integratingTwoBranchesMakesALocalMergeCommitWithBothHeadsAsParents() throws Exception {
		RevCommit a = origin.commit("feature/a", "A", Map.of("a.txt", "a\n"));
		RevCommit b = origin.commit("feature/b", initial, "B", Map.of("b.txt", "b\n", "app.txt", "a\nb\nc\nfrom b\n"));
		List<String> log = new ArrayList<>();
		Path workTree = tmp.resolve("work");

		Integration integration = git.integrate(remote, git.resolve(remote, List.of("feature/a", "feature/b")),
				workTree, log::add);

		try (Repository work = Git.open(workTree.toFile()).getRepository(); RevWalk walk = new RevWalk(work)) {
			RevCommit merge = walk.parseCommit(ObjectId.fromString(integration.commit()));
			assertThat(merge.getParents()).extracting(RevCommit::getId).containsExactly(a.getId(), b.getId());
			assertThat(merge.getAuthorIdent().getName()).isEqualTo("platform");
			assertThat(merge.getFullMessage()).startsWith("Merge branch 'feature/b' into feature/a");
			assertThat(work.resolve("HEAD")).isEqualTo(merge.getId());
			assertThat(Git.wrap(work).status().call().isClean()).isTrue();
		}
		assertThat(workTree.resolve("a.txt")).hasContent("a");
		assertThat(workTree.resolve("b.txt")).hasContent("b");
		assertThat(workTree.resolve("app.txt")).hasContent("a\nb\nc\nfrom b");
		assertThat(log).contains("merged feature/b (" + b.abbreviate(7).name() + ") into feature/a");
		// Never pushed: the origin does not know the merge commit.
		assertThat(origin.repository().getObjectDatabase().has(ObjectId.fromString(integration.commit()))).isFalse();
		// The work tree holds its own objects: it outlives the mirror.
		git.forget(remote);
		assertThat(mirror()).doesNotExist();
		try (Git work = Git.open(workTree.toFile())) {
			assertThat(work.log().call()).hasSizeGreaterThanOrEqualTo(3);
		}
	}

	@Test
	void integratingThreeBranchesGivesOneCommitWhoseParentsAreAllHeads() throws Exception {
		RevCommit a = origin.commit("a", "A", Map.of("a.txt", "a\n"));
		RevCommit b = origin.commit("b", initial, "B", Map.of("b.txt", "b\n"));
		RevCommit c = origin.commit("c", initial, "C", Map.of("c.txt", "c\n"));

		Integration integration = git.integrate(remote, git.resolve(remote, List.of("a", "b", "c")), tmp.resolve("w"),
				line -> {
				});

		try (Repository work = Git.open(tmp.resolve("w").toFile()).getRepository(); RevWalk walk = new RevWalk(work)) {
			RevCommit merge = walk.parseCommit(ObjectId.fromString(integration.commit()));
			assertThat(merge.getParents()).extracting(RevCommit::getId).containsExactly(a.getId(), b.getId(), c.getId());
			assertThat(merge.getFullMessage()).startsWith("Merge branches 'b' and 'c' into a");
		}
		assertThat(tmp.resolve("w/c.txt")).exists();
	}

	@Test
	void conflictingBranchesFailBeforeAnythingIsCheckedOut() throws Exception {
		origin.commit("feature/a", "A", Map.of("app.txt", "a\nB from a\nc\n", "a.txt", "a\n"));
		origin.commit("feature/clean", initial, "Clean", Map.of("clean.txt", "fine\n"));
		origin.commit("feature/b", initial, "B", Map.of("app.txt", "a\nB from b\nc\n"));
		List<String> log = new ArrayList<>();
		Path workTree = tmp.resolve("work");

		assertThatThrownBy(() -> git.integrate(remote,
				git.resolve(remote, List.of("feature/a", "feature/clean", "feature/b")), workTree, log::add))
			.isInstanceOfSatisfying(MergeConflictException.class, ex -> {
				assertThat(ex.branches()).containsExactly("feature/a", "feature/b");
				assertThat(ex.files()).containsExactly("app.txt");
			})
			.hasMessageContaining("feature/a and feature/b conflict in app.txt");
		assertThat(workTree.resolve("app.txt")).doesNotExist();
		assertThat(log).anyMatch(line -> line.startsWith("cannot merge feature/b"));
	}

	@Test
	void anUnreachableRepositoryIsAnUpstreamFailureNamingTheUrl() {
		String url = tmp.resolve("missing.git").toUri().toString();

		assertThatThrownBy(() -> git.branches(new GitRemote("missing", url))).isInstanceOf(UpstreamException.class)
			.hasMessageContaining(url)
			.hasMessageContaining("repository not found");
		assertThat(tmp.resolve("home/git/mirrors/missing.git")).doesNotExist();
		try (var leftovers = Files.list(tmp.resolve("home/git/mirrors"))) {
			assertThat(leftovers).isEmpty();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@Test
	void aClosedPortIsReportedAsConnectionRefused() throws Exception {
		int port;
		try (var socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String url = "http://user:s3cret@127.0.0.1:" + port + "/repo.git";

		assertThatThrownBy(() -> git.branches(new GitRemote("closed", url))).isInstanceOf(UpstreamException.class)
			.hasMessageContaining("connection refused")
			.hasMessageContaining("user:******@127.0.0.1")
			.hasMessageNotContaining("s3cret");
	}

	@Test
	void aRemoteThatNeverAnswersFailsListingAndFetchingWithinTheTimeout() throws Exception {
		// Accepts connections (the backlog does) and never answers.
		try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			JGitProvider hurried = new JGitProvider(tmp.resolve("hurried"), 1, tmp.resolve("ssh"));
			GitRemote remote = new GitRemote("silent", "http://127.0.0.1:" + silent.getLocalPort() + "/repo.git");
			long start = System.nanoTime();

			// Listing branches asks the remote (ls-remote); resolving them fetches into the mirror (its first clone).
			assertThatThrownBy(() -> hurried.branches(remote)).isInstanceOf(UpstreamException.class)
				.hasMessageContaining("no answer within 1 s");
			assertThatThrownBy(() -> hurried.resolve(remote, java.util.List.of("main")))
				.isInstanceOf(UpstreamException.class)
				.hasMessageContaining("no answer within 1 s");

			assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(20));
			hurried.destroy();
		}
	}

	@Test
	void forgetDeletesTheMirror() {
		git.branches(remote);
		assertThat(mirror()).isDirectory();

		git.forget(remote);
		git.forget(remote);

		assertThat(mirror()).doesNotExist();
	}

}
