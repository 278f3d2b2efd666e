package io.platform.environment;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.PlatformProperties;
import io.platform.env.runtime.docker.DockerDriver;
import io.platform.outbound.OutboundRules;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;
import io.platform.support.web.PlatformHosts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and manages the environments; other features resolve an environment by name here. */
@Service
public class EnvironmentService {

	/** The runtime value that asks for local processes. */
	public static final String PROCESS_RUNTIME = "process";

	/** Names taken by sub-resources of /api/environments. */
	private static final Set<String> RESERVED = Set.of("diff", "order");

	private final EnvironmentMapper mapper;

	private final ApplicationEventPublisher events;

	private final String defaultDomain;

	private final PlatformHosts platformHosts;

	private final OutboundRules outbound;

	EnvironmentService(EnvironmentMapper mapper, ApplicationEventPublisher events, PlatformProperties properties,
			PlatformHosts platformHosts, OutboundRules outbound) {
		this.outbound = outbound;
		this.mapper = mapper;
		this.events = events;
		this.defaultDomain = properties.domain();
		this.platformHosts = platformHosts;
	}

	public List<Environment> list() {
		return mapper.selectList(new LambdaQueryWrapper<Environment>().orderByAsc(Environment::getSortOrder)
			.orderByAsc(Environment::getId));
	}

	/** The environment of that name, or a 404 problem that lists the known ones. */
	public Environment get(String name) {
		Environment environment = find(name);
		if (environment == null) {
			throw new NotFoundException("Environment '" + name + "' does not exist; known environments: "
					+ list().stream().map(Environment::getName).toList() + ".");
		}
		return environment;
	}

	/** The environment of that name, if there is one (for callers where "none" is not an error). */
	public java.util.Optional<Environment> lookup(String name) {
		return java.util.Optional.ofNullable(find(name));
	}

	@Transactional
	public Environment create(EnvironmentRequest request) {
		if (RESERVED.contains(request.name())) {
			throw new InvalidInputException("name", "'" + request.name() + "' is reserved by the API; pick another name.");
		}
		if (find(request.name()) != null) {
			throw new ConflictException("An environment named '" + request.name() + "' already exists.");
		}
		List<Environment> all = list();
		Environment environment = new Environment();
		environment.setName(request.name());
		environment.setSortOrder(request.order() != null ? request.order()
				: all.stream().mapToInt(Environment::getSortOrder).max().orElse(0) + 1);
		environment.setCreatedAt(LocalDateTime.now());
		apply(request, environment);
		try {
			mapper.insert(environment);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("An environment named '" + request.name() + "' already exists.");
		}
		return environment;
	}

	@Transactional
	public Environment update(String name, EnvironmentRequest request) {
		return update(name, request, Set.of("name", "order", "domain", "protected", "runtime", "memoryLimitMb",
				"cpuLimit", "requiredApprovals"));
	}

	/**
	 * Changes the settings the request mentions; the others keep their values, so a forgotten flag never
	 * unprotects prod nor a forgotten runtime moves it to another host. Sent as null: back to the default
	 * (the platform's domain and runtime, no limits); {@code protected} must then be true or false.
	 */
	@Transactional
	public Environment update(String name, EnvironmentRequest request, Set<String> mentioned) {
		Environment environment = get(name);
		if (!name.equals(request.name())) {
			throw new InvalidInputException("name", "The name of an environment cannot change (it is '" + name
					+ "'); add a new environment instead.");
		}
		if (request.order() != null) {
			environment.setSortOrder(request.order());
		}
		if (mentioned.contains("protected") && request.isProtected() == null) {
			throw new InvalidInputException("protected", "Say \"protected\": true or false, or leave it out to keep it ('"
					+ name + "' is " + (environment.getIsProtected() ? "" : "not ") + "protected now).");
		}
		apply(new EnvironmentRequest(request.name(), request.order(),
				mentioned.contains("domain") ? request.domain() : environment.getDomain(),
				mentioned.contains("protected") ? request.isProtected() : environment.getIsProtected(),
				mentioned.contains("runtime") ? request.runtime() : environment.getRuntime(),
				mentioned.contains("memoryLimitMb") ? request.memoryLimitMb() : environment.getMemoryLimitMb(),
				mentioned.contains("cpuLimit") ? request.cpuLimit() : environment.getCpuLimit(),
				mentioned.contains("requiredApprovals") ? request.requiredApprovals() : environment.getRequiredApprovals()),
				environment,
				!mentioned.contains("runtime"));
		mapper.updateById(environment);
		return environment;
	}

	/** Removes an environment; features with something running there refuse through {@link EnvironmentDeleting}. */
	@Transactional
	public void delete(String name) {
		Environment environment = get(name);
		events.publishEvent(new EnvironmentDeleting(environment.getName()));
		mapper.deleteById(environment.getId());
	}

	/** Puts the environments in the given order; the list must name each environment exactly once. */
	@Transactional
	public List<Environment> reorder(List<String> names) {
		List<Environment> all = list();
		Set<String> known = new HashSet<>(all.stream().map(Environment::getName).toList());
		if (names.size() != known.size() || !known.equals(new HashSet<>(names))) {
			throw new InvalidInputException("names", "The new order must name every environment exactly once: "
					+ all.stream().map(Environment::getName).toList() + ".");
		}
		for (Environment environment : all) {
			environment.setSortOrder(names.indexOf(environment.getName()) + 1);
			mapper.updateById(environment);
		}
		return list();
	}

	private Environment find(String name) {
		return mapper.selectOne(new LambdaQueryWrapper<Environment>().eq(Environment::getName, name));
	}

	private void apply(EnvironmentRequest request, Environment environment) {
		apply(request, environment, false);
	}

	/** {@code runtimeUnchanged}: the runtime is the one already set, not checked again (its engine may be down). */
	private void apply(EnvironmentRequest request, Environment environment, boolean runtimeUnchanged) {
		String domain = request.domain() == null || request.domain().isBlank() ? defaultDomain : request.domain();
		String captured = platformHostCapturedBy(environment.getName(), domain);
		if (captured != null) {
			throw new InvalidInputException("domain", "With domain '" + domain + "', the hosts of environment '"
					+ environment.getName() + "' ({app}." + environment.getName() + "." + domain + ") would include '"
					+ captured + "', the platform's own host name; choose another domain.");
		}
		environment.setDomain(domain);
		environment.setIsProtected(Boolean.TRUE.equals(request.isProtected()));
		environment.setRuntime(runtimeUnchanged ? environment.getRuntime() : checkedRuntime(request.runtime()));
		environment.setMemoryLimitMb(request.memoryLimitMb());
		environment.setCpuLimit(request.cpuLimit());
		environment.setRequiredApprovals(request.requiredApprovals());
	}

	/** The platform's own host name that {@code {app}.{env}.{domain}} is for some service name, or null. */
	private String platformHostCapturedBy(String env, String domain) {
		return platformHosts.names().stream().filter(name -> {
			String[] labels = name.split("\\.", 3);
			return labels.length == 3 && labels[1].equalsIgnoreCase(env) && labels[2].equalsIgnoreCase(domain);
		}).findFirst().orElse(null);
	}

	/** {@code null}, {@code process}, or a Docker engine URL that answers now. */
	private String checkedRuntime(String runtime) {
		if (runtime == null || runtime.isBlank()) {
			return null;
		}
		String value = runtime.strip();
		if (PROCESS_RUNTIME.equals(value)) {
			return value;
		}
		if (!value.matches("(unix|tcp)://\\S+")) {
			throw new InvalidInputException("runtime", "Runtime '" + value
					+ "' is neither 'process' nor a Docker engine URL such as unix:///var/run/docker.sock or tcp://host:2376.");
		}
		// Before any connection is tried: a refused engine is never contacted.
		outbound.checkDockerEngine("runtime", value);
		if (!DockerDriver.answers(value, Duration.ofSeconds(3))) {
			throw new InvalidInputException("runtime", "No Docker engine answers at " + value
					+ "; check the address and that the engine runs and is reachable from the platform.");
		}
		return value;
	}

}
