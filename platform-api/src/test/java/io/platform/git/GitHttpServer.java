package io.platform.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * JGit's smart-HTTP Git server in an embedded Tomcat on a loopback port, serving the bare repositories
 * under one directory at {@code /git/{name}}. With a user and password it asks for Basic authentication.
 * Branches under {@code protected/} are refused by a pre-receive rule, as a hosting service would.
 */
public final class GitHttpServer implements AutoCloseable {

	static final String PROTECTED_REASON = "branches under protected/ are created by maintainers";

	// Held so the quieter level stays: JUL keeps loggers weakly.
	private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

	private final Tomcat tomcat;

	private final int port;

	private GitHttpServer(Tomcat tomcat, int port) {
		this.tomcat = tomcat;
		this.port = port;
	}

	public static GitHttpServer start(Path repositories, Path work, String user, String password) throws LifecycleException, IOException {
		TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
		Tomcat tomcat = new Tomcat();
		tomcat.setBaseDir(Files.createDirectories(work).toString());
		Connector connector = new Connector();
		connector.setPort(0);
		connector.setProperty("address", "127.0.0.1");
		tomcat.setConnector(connector);
		Context context = tomcat.addContext("", work.toString());
		if (context instanceof org.apache.catalina.core.StandardContext standard) {
			// Leak detection on stop needs --add-opens and only warns about it.
			standard.setClearReferencesRmiTargets(false);
			standard.setClearReferencesThreadLocals(false);
		}

		GitServlet servlet = new GitServlet();
		servlet.setRepositoryResolver((request, name) -> {
			Path dir = repositories.resolve(name).normalize();
			if (!dir.startsWith(repositories) || !Files.isDirectory(dir)) {
				throw new RepositoryNotFoundException(name);
			}
			try {
				return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
			}
			catch (IOException ex) {
				throw new RepositoryNotFoundException(name, ex);
			}
		});
		servlet.setReceivePackFactory((request, repository) -> receivePack(repository));
		Tomcat.addServlet(context, "git", servlet);
		context.addServletMappingDecoded("/git/*", "git");

		if (user != null) {
			FilterDef filter = new FilterDef();
			filter.setFilterName("basic");
			filter.setFilter(new BasicAuth(user, password));
			context.addFilterDef(filter);
			FilterMap map = new FilterMap();
			map.setFilterName("basic");
			map.addURLPatternDecoded("/*");
			context.addFilterMap(map);
		}
		tomcat.start();
		return new GitHttpServer(tomcat, connector.getLocalPort());
	}

	private static ReceivePack receivePack(Repository repository) {
		ReceivePack receive = new ReceivePack(repository);
		receive.setPreReceiveHook((pack, commands) -> {
			for (ReceiveCommand command : commands) {
				if (command.getRefName().startsWith("refs/heads/protected/")) {
					command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, PROTECTED_REASON);
				}
			}
		});
		return receive;
	}

	/** The URL of a repository, with {@code credentials} ("user:password") when given. */
	public String url(String repository, String credentials) {
		return "http://" + (credentials == null ? "" : credentials + "@") + "127.0.0.1:" + port + "/git/" + repository;
	}

	@Override
	public void close() throws LifecycleException {
		tomcat.stop();
		tomcat.destroy();
	}

	private record BasicAuth(String user, String password) implements Filter {

		@Override
		public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
			HttpServletRequest request = (HttpServletRequest) req;
			String expected = "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
			if (!expected.equals(request.getHeader("Authorization"))) {
				HttpServletResponse response = (HttpServletResponse) res;
				response.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
				return;
			}
			chain.doFilter(new HttpServletRequestWrapper(request) {
				@Override
				public String getRemoteUser() {
					return user;
				}
			}, res);
		}

	}

}
