package io.platform.git;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;

import io.platform.support.web.UpstreamException;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.eclipse.jgit.junit.ssh.SshTestGitServer;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plain Git provider over ssh (Apache MINA sshd), against JGit's test ssh Git server on a loopback
 * port, with the key and known_hosts of an ~/.ssh made for the test.
 */
class JGitProviderSshIT {

	@TempDir
	Path tmp;

	OriginRepository origin;

	SshTestGitServer server;

	int port;

	KeyPair hostKey;

	Path ssh;

	JGitProvider git;

	@BeforeEach
	void setUp() throws Exception {
		origin = OriginRepository.create(tmp.resolve("origin.git"));
		origin.commit("main", "Initial commit", Map.of("README.md", "hello\n"));
		KeyPair userKey = ecKey();
		hostKey = ecKey();
		server = new SshTestGitServer("git", userKey.getPublic(), origin.repository(), hostKey);
		port = server.start();

		ssh = Files.createDirectories(tmp.resolve("user/.ssh"));
		try (OutputStream out = Files.newOutputStream(ssh.resolve("id_ecdsa"))) {
			OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "platform-test", null, out);
		}
		trustHostKey();
		Files.writeString(ssh.resolve("config"), "Host gitserver\n  HostName 127.0.0.1\n  Port " + port + "\n  User git\n");
		git = new JGitProvider(tmp.resolve("home"), 10, ssh);
	}

	@AfterEach
	void tearDown() throws Exception {
		git.destroy();
		server.stop();
		origin.close();
	}

	private static KeyPair ecKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private void trustHostKey() throws Exception {
		String key = PublicKeyEntry.toString(hostKey.getPublic());
		Files.writeString(ssh.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + key + "\n");
	}

	@Test
	void listsAndCreatesBranchesOverSshUrls() throws Exception {
		RevCommit feature = origin.commit("feature/a", "Feature A", Map.of("a.txt", "a\n"));
		GitRemote remote = new GitRemote("hello", "ssh://git@127.0.0.1:" + port + "/origin.git");

		assertThat(git.branches(remote)).extracting(Branch::name).containsExactly("feature/a", "main");
		assertThat(git.createBranch(remote, "release/1", "feature/a").commit()).isEqualTo(feature.name());
		assertThat(origin.head("release/1")).isEqualTo(feature.getId());
	}

	@Test
	void scpLikeUrlsGoThroughTheSshConfig() throws Exception {
		GitRemote remote = new GitRemote("hello", "git@gitserver:origin.git");

		assertThat(git.branches(remote)).extracting(Branch::name).containsExactly("main");
	}

	@Test
	void aKeyTheServerDoesNotKnowIsNotAuthorized() throws Exception {
		server.setTestUserPublicKey(ecKey().getPublic());

		assertThatThrownBy(() -> git.branches(new GitRemote("hello", "ssh://git@127.0.0.1:" + port + "/origin.git")))
			.isInstanceOf(UpstreamException.class)
			.hasMessageContaining("not authorized");
	}

	@Test
	void anUnknownHostKeyIsRefused() throws Exception {
		Files.writeString(ssh.resolve("known_hosts"), "");

		assertThatThrownBy(() -> git.branches(new GitRemote("hello", "ssh://git@127.0.0.1:" + port + "/origin.git")))
			.isInstanceOf(UpstreamException.class)
			.hasMessageContaining("host key");
	}

}
