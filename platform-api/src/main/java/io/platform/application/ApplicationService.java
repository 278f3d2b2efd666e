package io.platform.application;

import java.nio.file.InvalidPathException;
import java.util.Set;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.git.GitProvider;
import io.platform.git.GitRemote;
import io.platform.git.GitUrls;
import io.platform.outbound.OutboundRules;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers, changes and removes services; other features resolve a service by name here. */
@Service
public class ApplicationService {

	static final String DEFAULT_BUILD_COMMAND = "mvn -B package -DskipTests";

	static final int DEFAULT_PORT = 8080;

	static final String DEFAULT_HEALTH_PATH = "/actuator/health";

	private final ApplicationMapper mapper;

	private final GitProvider git;

	private final ApplicationEventPublisher events;

	private final OutboundRules outbound;

	ApplicationService(ApplicationMapper mapper, GitProvider git, ApplicationEventPublisher events,
			OutboundRules outbound) {
		this.outbound = outbound;
		this.mapper = mapper;
		this.git = git;
		this.events = events;
	}

	public List<Application> list() {
		return mapper.selectList(new LambdaQueryWrapper<Application>().orderByAsc(Application::getName));
	}

	/** The service of that name, or a 404 problem. */
	public Application get(String name) {
		Application app = find(name);
		if (app == null) {
			throw new NotFoundException("Service '" + name + "' is not registered.");
		}
		return app;
	}

	@Transactional
	public Application create(ApplicationRequest request) {
		Application app = new Application();
		app.setName(request.name());
		apply(request, app);
		app.setCreatedAt(now());
		app.setUpdatedAt(app.getCreatedAt());
		if (find(request.name()) != null) {
			throw duplicate(request.name());
		}
		try {
			mapper.insert(app);
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(request.name());
		}
		events.publishEvent(new ApplicationCreated(app.getName()));
		return app;
	}

	@Transactional
	public Application update(String name, ApplicationRequest request) {
		return update(name, request, Set.of("name", "repoUrl", "buildCommand", "artifact", "port", "healthPath",
				"jvmOptions", "buildImage"));
	}

	/**
	 * Changes the fields the request mentions; the others keep their values (a field sent as null or blank
	 * goes back to its default). Name and repository URL are required.
	 */
	@Transactional
	public Application update(String name, ApplicationRequest request, Set<String> mentioned) {
		Application app = get(name);
		if (!name.equals(request.name())) {
			throw new InvalidInputException("name",
					"The name of a service cannot change (it is '" + name + "'); register a new service instead.");
		}
		apply(new ApplicationRequest(request.name(), request.repoUrl(),
				mentioned.contains("buildCommand") ? request.buildCommand() : app.getBuildCommand(),
				mentioned.contains("artifact") ? request.artifact() : app.getArtifact(),
				mentioned.contains("port") ? request.port() : Integer.valueOf(app.getPort()),
				mentioned.contains("healthPath") ? request.healthPath() : app.getHealthPath(),
				mentioned.contains("jvmOptions") ? request.jvmOptions() : app.getJvmOptions(),
				mentioned.contains("buildImage") ? request.buildImage() : app.getBuildImage()), app);
		app.setUpdatedAt(now());
		mapper.updateById(app);
		return app;
	}

	@Transactional
	public void delete(String name) {
		Application app = get(name);
		events.publishEvent(new ApplicationDeleting(app.getName()));
		mapper.deleteById(app.getId());
		git.forget(new GitRemote(app.getName(), app.getRepoUrl()));
	}

	// The columns keep milliseconds: the answer to a write then equals what a later read returns.
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	private Application find(String name) {
		return mapper.selectOne(new LambdaQueryWrapper<Application>().eq(Application::getName, name));
	}

	private static ConflictException duplicate(String name) {
		return new ConflictException("A service named '" + name + "' is already registered.");
	}

	/** Copies the request onto the service after the checks that bean validation cannot express. */
	private void apply(ApplicationRequest request, Application app) {
		String repoUrl = request.repoUrl().strip();
		String problem = GitUrls.problem(repoUrl);
		if (problem != null) {
			throw new InvalidInputException("repoUrl", "Repository URL " + problem + ".");
		}
		outbound.checkGitRemote("repoUrl", repoUrl);
		String buildCommand = blankToNull(request.buildCommand());
		if (buildCommand == null) {
			buildCommand = DEFAULT_BUILD_COMMAND;
		}
		try {
			if (CommandLine.split(buildCommand).isEmpty()) {
				throw new InvalidInputException("buildCommand", "Build command must name a program to run.");
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("buildCommand", "Build command " + ex.getMessage() + ".");
		}
		String jvmOptions = blankToNull(request.jvmOptions());
		if (jvmOptions != null) {
			try {
				CommandLine.split(jvmOptions);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("jvmOptions", "JVM options " + ex.getMessage() + ".");
			}
		}
		String artifact = blankToNull(request.artifact());
		if (artifact != null && !isInsideRepository(artifact)) {
			throw new InvalidInputException("artifact",
					"Artifact must be a path inside the repository, such as target/app.jar.");
		}
		app.setRepoUrl(repoUrl);
		app.setBuildCommand(buildCommand);
		app.setArtifact(artifact);
		app.setPort(request.port() == null ? DEFAULT_PORT : request.port());
		app.setHealthPath(request.healthPath() == null ? DEFAULT_HEALTH_PATH : request.healthPath());
		app.setJvmOptions(jvmOptions);
		app.setBuildImage(blankToNull(request.buildImage()));
	}

	private static boolean isInsideRepository(String artifact) {
		Path path;
		try {
			path = Path.of(artifact).normalize();
		}
		catch (InvalidPathException ex) {
			return false;
		}
		return !path.isAbsolute() && !path.startsWith("..") && !path.toString().isEmpty() && !artifact.contains("\\");
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
