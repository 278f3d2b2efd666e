package io.platform.deployment;

import io.platform.identity.Access;
import io.platform.support.web.EventStreams;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class DeploymentController {

	private static final MediaType TEXT_PLAIN_UTF8 = new MediaType(MediaType.TEXT_PLAIN,
			java.nio.charset.StandardCharsets.UTF_8);

	private final DeploymentService deployments;

	private final DeploymentStore store;

	private final DeploymentLogs logs;

	private final DeploymentEvents events;

	private final Access access;

	private final EventStreams streams;

	DeploymentController(DeploymentService deployments, DeploymentStore store, DeploymentLogs logs,
			DeploymentEvents events, Access access, EventStreams streams) {
		this.access = access;
		this.streams = streams;
		this.deployments = deployments;
		this.store = store;
		this.logs = logs;
		this.events = events;
	}

	@PostMapping("/api/apps/{app}/deployments")
	ResponseEntity<DeploymentView> start(@PathVariable String app, @Valid @RequestBody StartDeploymentRequest request,
			Principal principal) {
		if (request.env() != null) {
			access.requireDeploy(app, request.env());
		}
		return accepted(deployments.start(app, request, who(principal)));
	}

	@GetMapping("/api/apps/{app}/deployments")
	List<DeploymentView> history(@PathVariable String app, @RequestParam(required = false) String env,
			@RequestParam(defaultValue = "50") int limit) {
		access.requireRead(app);
		return deployments.history(app, env, Math.max(1, Math.min(limit, 500)));
	}

	@GetMapping("/api/deployments/{id}")
	DeploymentView get(@PathVariable long id) {
		readable(id);
		return deployments.view(id);
	}

	@PostMapping("/api/deployments/{id}/redeploy")
	ResponseEntity<DeploymentView> redeploy(@PathVariable long id, Principal principal) {
		Deployment source = store.get(id);
		access.requireDeploy(source.getApp(), source.getEnv());
		return accepted(deployments.redeploy(id, who(principal)));
	}

	@PostMapping("/api/deployments/{id}/rollback")
	ResponseEntity<DeploymentView> rollback(@PathVariable long id, Principal principal) {
		Deployment source = store.get(id);
		access.requireOperate(source.getApp(), source.getEnv(), "rolls it back");
		return accepted(deployments.rollback(id, who(principal)));
	}

	@PostMapping("/api/deployments/{id}/cancel")
	DeploymentView cancel(@PathVariable long id) {
		Deployment deployment = store.get(id);
		access.requireOperate(deployment.getApp(), deployment.getEnv(), "cancels its deployments");
		return deployments.view(deployments.cancel(id));
	}

	@GetMapping("/api/environments/diff")
	EnvironmentDiff diff(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		access.current();
		EnvironmentDiff diff = deployments.diff(from, to);
		return new EnvironmentDiff(diff.from(), diff.to(), access.readable(diff.apps(), EnvironmentDiff.AppDiff::app),
				diff.bindings());
	}

	@GetMapping("/api/overview")
	OverviewView overview() {
		OverviewView overview = deployments.overview();
		return new OverviewView(overview.environments(), access.readable(overview.apps(), OverviewView.AppRow::app));
	}

	/** The whole log as text (also what a browser gets when it opens the link). */
	@GetMapping("/api/deployments/{id}/log")
	ResponseEntity<String> log(@PathVariable long id) {
		readable(id);
		return ResponseEntity.ok().contentType(TEXT_PLAIN_UTF8).body(logs.read(id));
	}

	/** The log so far, then each new line, status changes, and an {@code end} event when it is over. */
	@GetMapping(path = "/api/deployments/{id}/log", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter liveLog(@PathVariable long id, Principal principal) {
		Deployment deployment = readable(id);
		SseEmitter emitter = streams.open(who(principal));
		AtomicReference<AutoCloseable> lines = new AtomicReference<>();
		AtomicReference<AutoCloseable> statuses = new AtomicReference<>();
		Runnable unsubscribe = () -> {
			closeQuietly(lines.get());
			closeQuietly(statuses.get());
		};
		emitter.onCompletion(unsubscribe);
		emitter.onTimeout(unsubscribe);
		emitter.onError(e -> unsubscribe.run());
		try {
			emitter.send(SseEmitter.event().name("status").data(deployments.view(deployment), MediaType.APPLICATION_JSON));
			if (deployments.isOver(deployment)) {
				for (String line : logs.read(id).lines().toList()) {
					emitter.send(SseEmitter.event().name("log").data(line));
				}
				emitter.send(SseEmitter.event().name("end").data(deployments.view(deployment), MediaType.APPLICATION_JSON));
				emitter.complete();
				return emitter;
			}
			statuses.set(events.subscribe(id, (changed, over) -> {
				try {
					synchronized (emitter) {
						DeploymentView view = deployments.view(changed);
						emitter.send(SseEmitter.event().name("status").data(view, MediaType.APPLICATION_JSON));
						if (over) {
							emitter.send(SseEmitter.event().name("end").data(view, MediaType.APPLICATION_JSON));
							emitter.complete();
						}
					}
				}
				catch (IOException | IllegalStateException ex) {
					unsubscribe.run();
				}
			}));
			lines.set(logs.subscribe(id, line -> {
				try {
					synchronized (emitter) {
						emitter.send(SseEmitter.event().name("log").data(line));
					}
				}
				catch (IOException | IllegalStateException ex) {
					unsubscribe.run();
				}
			}));
			// It may have ended between the first read and the subscriptions.
			Deployment now = store.get(id);
			if (deployments.isOver(now)) {
				synchronized (emitter) {
					emitter.send(SseEmitter.event().name("end").data(deployments.view(now), MediaType.APPLICATION_JSON));
					emitter.complete();
				}
				// Completed before Spring MVC took the emitter over: its completion callbacks never run.
				unsubscribe.run();
			}
		}
		catch (IOException | IllegalStateException ex) {
			unsubscribe.run();
			emitter.completeWithError(ex);
		}
		return emitter;
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// already closed
			}
		}
	}

	private ResponseEntity<DeploymentView> accepted(Deployment deployment) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/deployments/" + deployment.getId()))
			.body(deployments.view(deployment));
	}

	private Deployment readable(long id) {
		Deployment deployment = store.get(id);
		access.requireRead(deployment.getApp(), deployment.getEnv());
		return deployment;
	}

	private static String who(Principal principal) {
		return principal == null ? "anonymous" : principal.getName();
	}

}
