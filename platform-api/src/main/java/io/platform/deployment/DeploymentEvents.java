package io.platform.deployment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/** Tells live listeners (log streams) that a deployment changed, and when its run is over. */
@Component
public class DeploymentEvents {

	/** Receives each change; {@code over} is true once, when nothing more will happen to the deployment. */
	public interface Listener {

		void on(Deployment deployment, boolean over);

	}

	private final Map<Long, List<Listener>> listeners = new ConcurrentHashMap<>();

	private final List<Listener> everyDeployment = new CopyOnWriteArrayList<>();

	public void changed(Deployment deployment) {
		notify(deployment, false);
	}

	public void ended(Deployment deployment) {
		notify(deployment, true);
	}

	/** Listens to every deployment's changes (for features that follow what runs, such as log shipping). */
	public void subscribeAll(Listener listener) {
		everyDeployment.add(listener);
	}

	private void notify(Deployment deployment, boolean over) {
		for (Listener listener : everyDeployment) {
			try {
				listener.on(deployment, over);
			}
			catch (RuntimeException ex) {
				// A follower's trouble must never stop a deployment.
				org.slf4j.LoggerFactory.getLogger(DeploymentEvents.class).warn("Deployment listener failed", ex);
			}
		}
		List<Listener> forDeployment = listeners.get(deployment.getId());
		if (forDeployment != null) {
			forDeployment.forEach(listener -> listener.on(deployment, over));
		}
	}

	public AutoCloseable subscribe(long deploymentId, Listener listener) {
		listeners.computeIfAbsent(deploymentId, id -> new CopyOnWriteArrayList<>()).add(listener);
		return () -> listeners.computeIfPresent(deploymentId, (id, list) -> {
			list.remove(listener);
			return list.isEmpty() ? null : list;
		});
	}

}
