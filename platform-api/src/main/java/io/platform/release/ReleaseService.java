package io.platform.release;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.baomidou.mybatisplus.core.conditions.query.QueryWrapper;
import com.baomidou.mybatisplus.core.conditions.update.UpdateWrapper;
import io.platform.application.Application;
import io.platform.application.ApplicationService;
import io.platform.environment.Environment;
import io.platform.environment.EnvironmentService;
import io.platform.git.BranchHead;
import io.platform.git.BranchNames;
import io.platform.git.GitProvider;
import io.platform.git.GitRemote;
import io.platform.support.web.ConflictException;
import io.platform.support.web.ForbiddenException;
import io.platform.support.web.InvalidInputException;
import io.platform.support.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and changes releases and moves their stages: start, sign-off, approvals. */
@Service
class ReleaseService {

	private final ReleaseMappers.ReleaseMapper releases;

	private final ReleaseMappers.ItemMapper items;

	private final ReleaseMappers.StageMapper stages;

	private final ReleaseMappers.ApprovalMapper approvals;

	private final ApplicationService applications;

	private final EnvironmentService environments;

	private final GitProvider git;

	private final ReleaseWindows windows;

	private final ReleaseSql sql;

	private final ReleaseNotices notices;

	private final StageRunner runner;

	private final Clock clock;

	ReleaseService(ReleaseMappers.ReleaseMapper releases, ReleaseMappers.ItemMapper items,
			ReleaseMappers.StageMapper stages, ReleaseMappers.ApprovalMapper approvals, ApplicationService applications,
			EnvironmentService environments, GitProvider git, ReleaseWindows windows, ReleaseSql sql,
			ReleaseNotices notices, StageRunner runner) {
		this.releases = releases;
		this.items = items;
		this.stages = stages;
		this.approvals = approvals;
		this.applications = applications;
		this.environments = environments;
		this.git = git;
		this.windows = windows;
		this.sql = sql;
		this.notices = notices;
		this.runner = runner;
		this.clock = Clock.systemUTC();
	}

	/** The services a request names, after the checks that need no Git: at least one, known, each once. */
	List<String> checkServices(ReleaseRequest request) {
		Set<String> seen = new HashSet<>();
		List<String> apps = new ArrayList<>();
		for (int i = 0; i < request.items().size(); i++) {
			String app = request.items().get(i).app().strip();
			if (!seen.add(app)) {
				throw new InvalidInputException("items[" + i + "].app", "Service '" + app
						+ "' is listed twice; list each service once, with all its branches.");
			}
			try {
				apps.add(applications.get(app).getName());
			}
			catch (NotFoundException ex) {
				throw new InvalidInputException("items[" + i + "].app", ex.getMessage());
			}
		}
		return apps;
	}

	@Transactional
	public Release create(ReleaseRequest request, String author) {
		checkServices(request);
		checkBranches(request);
		Release release = new Release();
		release.author = author;
		fill(release, request);
		release.createdAt = release.updatedAt;
		releases.insert(release);
		saveItems(release.id, request);
		int seq = 0;
		for (Environment env : path()) {
			ReleaseStage stage = new ReleaseStage();
			stage.releaseId = release.id;
			stage.seq = seq++;
			stage.env = env.getName();
			stages.insert(stage);
		}
		return release;
	}

	@Transactional
	public Release update(long id, ReleaseRequest request) {
		Release release = get(id);
		checkServices(request);
		ReleaseStage started = stages(id).stream().filter(s -> s.getStatus() != StageStatus.PENDING).findFirst()
			.orElse(null);
		if (started != null) {
			throw new ConflictException("Release " + id + " can no longer change: its " + started.env
					+ " stage has started. Create a new release for other changes.");
		}
		checkBranches(request);
		fill(release, request);
		releases.updateById(release);
		items.delete(new QueryWrapper<ReleaseItem>().eq("release_id", id));
		saveItems(id, request);
		// What was approved is not what is there now.
		approvals.update(new UpdateWrapper<ReleaseApproval>().eq("release_id", id).isNull("voided_at")
			.set("voided_at", release.updatedAt));
		return release;
	}

	public Release get(long id) {
		Release release = releases.selectById(id);
		if (release == null) {
			throw new NotFoundException("Release " + id + " does not exist.");
		}
		return release;
	}

	/** Newest first; only the releases with an emergency start when {@code emergencyOnly}. */
	public List<Release> list(boolean emergencyOnly) {
		List<Release> all = releases.selectList(new QueryWrapper<Release>().orderByDesc("id"));
		if (!emergencyOnly) {
			return all;
		}
		Set<Long> urgent = new HashSet<>(stages.selectList(new QueryWrapper<ReleaseStage>().eq("emergency", true))
			.stream().map(s -> s.releaseId).toList());
		return all.stream().filter(r -> urgent.contains(r.id)).toList();
	}

	public List<String> apps(long id) {
		return items(id).stream().map(i -> i.app).toList();
	}

	public ReleaseView view(Release release) {
		List<ReleaseItemView> itemViews = items(release.id).stream().map(ReleaseService::itemView).toList();
		List<ReleaseApproval> all = approvals.selectList(new QueryWrapper<ReleaseApproval>().eq("release_id", release.id)
			.isNull("voided_at").orderByAsc("id"));
		List<ReleaseView.Stage> stageViews = stages(release.id).stream().map(s -> new ReleaseView.Stage(s.env,
				s.getStatus(), requiredApprovals(s.env),
				all.stream().filter(a -> a.env.equals(s.env))
					.map(a -> new ReleaseView.Approval(a.username, a.decision, a.comment, a.at)).toList(),
				ReleaseJson.deployments(s.deployments), ReleaseJson.names(s.skipped), s.startedAt, s.finishedAt,
				s.startedBy, s.error, s.signedOffBy, s.signedOffAt, s.signOffComment,
				s.signedOffHeads == null ? null : ReleaseJson.heads(s.signedOffHeads), s.emergency, s.emergencyReason,
				s.emergencyBy)).toList();
		return new ReleaseView(release.id, release.title, release.description, release.rollbackPlan, release.author,
				release.createdAt, release.updatedAt, itemViews, stageViews);
	}

	/**
	 * Starts a stage after every check: the previous stage passed, the approvals are in, the window is open
	 * (or this is an emergency), the heads are those the previous stage signed off. The items then deploy in
	 * the background; the answer is the stage RUNNING.
	 */
	public synchronized ReleaseStage start(long id, String envName, StartStageRequest request, String user) {
		Release release = get(id);
		ReleaseStage stage = stage(id, envName);
		List<ReleaseStage> all = stages(id);
		ReleaseStage previous = all.stream().filter(s -> s.seq == stage.seq - 1).findFirst().orElse(null);
		if (stage.getStatus() == StageStatus.RUNNING) {
			throw new ConflictException("The " + stage.env + " stage of release " + id + " is already running.");
		}
		if (previous != null && previous.getStatus() != StageStatus.PASSED) {
			throw new ConflictException("The " + stage.env + " stage starts only after the " + previous.env
					+ " stage has passed (it is " + previous.getStatus() + "); deploy it there and have it signed off.");
		}
		checkApprovals(id, stage.env);
		ReleaseWindows.Evaluation window = windows.evaluate(stage.env, clock.instant());
		if (!window.check().open() && !request.isEmergency()) {
			throw new ConflictException("The release window of " + stage.env + " is closed now ("
					+ window.check().reason() + "); the next window opens " + window.describeNext()
					+ ". Start it then, or as an emergency (\"emergency\": true with a \"reason\").");
		}
		List<ReleaseItem> releaseItems = items(id);
		Map<String, List<BranchHead>> heads = previous == null ? resolveAll(releaseItems)
				: signedOff(previous, releaseItems);
		sql.checkBeforeStart(stage.env, releaseItems.stream().map(ReleaseService::itemView).toList());
		// Only what changed since this stage last deployed it goes out again.
		Map<String, List<BranchHead>> deployed = ReleaseJson.heads(stage.deployedHeads);
		List<StageRunner.Work> work = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		for (ReleaseItem item : releaseItems) {
			if (Objects.equals(deployed.get(item.app), heads.get(item.app))) {
				skipped.add(item.app);
			}
			else {
				work.add(new StageRunner.Work(item.app, heads.get(item.app),
						ReleaseJson.scripts(item.sqlScripts).stream()
							.map(s -> new ReleaseSql.SqlScriptRef(s.name(), s.script())).toList()));
			}
		}
		stage.start(user, clock.instant());
		if (request.isEmergency()) {
			stage.emergency = true;
			stage.emergencyReason = request.reason().strip();
			stage.emergencyBy = user;
		}
		stage.deployments = ReleaseJson.write(List.of());
		stage.skipped = ReleaseJson.write(skipped);
		stages.updateById(stage);
		List<String> apps = releaseItems.stream().map(i -> i.app).toList();
		if (stage.emergency) {
			ReleaseNotices.quietly(notices, new ReleaseNotices.ReleaseNotice(ReleaseNotices.EMERGENCY, id, release.title, stage.env,
					apps, user, stage.emergencyReason));
		}
		ReleaseNotices.quietly(notices, new ReleaseNotices.ReleaseNotice(ReleaseNotices.STAGE_STARTED, id, release.title, stage.env,
				apps, user, skipped.isEmpty() ? null : "skipped (unchanged): " + skipped));
		runner.run(new StageRunner.Run(id, release.title, stage.env, apps, work, user));
		return stage;
	}

	@Transactional
	public ReleaseStage signOff(long id, String envName, String comment, String user) {
		Release release = get(id);
		ReleaseStage stage = stage(id, envName);
		if (stage.getStatus() != StageStatus.DEPLOYED) {
			throw new ConflictException("Only a DEPLOYED stage can be signed off; the " + stage.env + " stage of release "
					+ id + " is " + stage.getStatus() + ".");
		}
		stage.signOff(user, blankToNull(comment), stage.deployedHeads, clock.instant());
		stages.updateById(stage);
		List<String> apps = apps(id);
		ReleaseNotices.quietly(notices, new ReleaseNotices.ReleaseNotice(ReleaseNotices.STAGE_PASSED, id, release.title, stage.env,
				apps, user, stage.signOffComment));
		stages(id).stream().filter(s -> s.seq == stage.seq + 1).findFirst().ifPresent(next -> {
			int needed = requiredApprovals(next.env);
			if (needed > 0) {
				ReleaseNotices.quietly(notices, new ReleaseNotices.ReleaseNotice(ReleaseNotices.APPROVAL_REQUESTED, id, release.title,
						next.env, apps, user, needed + " approval(s) needed"));
			}
		});
		return stage;
	}

	/** Records an approval or a rejection; the caller has checked the approver's role. */
	@Transactional
	public void decide(long id, String envName, ReleaseApproval.Decision decision, String comment, String user) {
		Release release = get(id);
		ReleaseStage stage = stage(id, envName);
		if (decision == ReleaseApproval.Decision.REJECT && (comment == null || comment.isBlank())) {
			throw new InvalidInputException("comment", "Say why you reject the release in \"comment\".");
		}
		requireNotAuthor(release, user);
		boolean already = approvals.selectCount(new QueryWrapper<ReleaseApproval>().eq("release_id", id)
			.eq("env", stage.env).eq("username", user).isNull("voided_at")) > 0;
		if (already) {
			throw new ConflictException("You have already decided on the " + stage.env + " stage of release " + id
					+ "; each person decides once.");
		}
		ReleaseApproval approval = new ReleaseApproval();
		approval.releaseId = id;
		approval.env = stage.env;
		approval.username = user;
		approval.decision = decision;
		approval.comment = blankToNull(comment);
		approval.at = clock.instant();
		approvals.insert(approval);
		ReleaseNotices.quietly(notices, new ReleaseNotices.ReleaseNotice(decision == ReleaseApproval.Decision.APPROVE
				? ReleaseNotices.APPROVAL_GIVEN : ReleaseNotices.APPROVAL_REJECTED, id, release.title, stage.env, apps(id),
				user, approval.comment));
	}

	void requireNotAuthor(Release release, String user) {
		if (release.author.equals(user)) {
			throw new ForbiddenException("you cannot approve your own release, whatever your role (release " + release.id + " is by " + user
					+ "); ask an OWNER of one of its services or a platform admin.");
		}
	}

	ReleaseStage stage(long id, String env) {
		return stages(id).stream().filter(s -> s.env.equals(env)).findFirst()
			.orElseThrow(() -> new NotFoundException("Release " + id + " has no stage '" + env + "'; its stages: "
					+ stages(id).stream().map(s -> s.env).toList() + "."));
	}

	private void checkApprovals(long id, String env) {
		List<ReleaseApproval> given = approvals.selectList(new QueryWrapper<ReleaseApproval>().eq("release_id", id)
			.eq("env", env).isNull("voided_at"));
		ReleaseApproval rejected = given.stream().filter(a -> a.decision == ReleaseApproval.Decision.REJECT).findFirst()
			.orElse(null);
		if (rejected != null) {
			throw new ConflictException("The " + env + " stage was rejected by " + rejected.username + ": "
					+ rejected.comment + ". Change the release (which voids the decisions) and ask again.");
		}
		int needed = requiredApprovals(env);
		long approved = given.stream().filter(a -> a.decision == ReleaseApproval.Decision.APPROVE).count();
		if (approved < needed) {
			throw new ConflictException("The " + env + " stage needs " + needed + " approval(s) and has " + approved
					+ ": " + (needed - approved) + " missing. An OWNER of one of its services or a platform admin "
					+ "approves it (POST .../stages/" + env + "/approvals).");
		}
	}

	private int requiredApprovals(String env) {
		return environments.lookup(env).map(Environment::requiredApprovalsOrDefault).orElse(0);
	}

	private Map<String, List<BranchHead>> resolveAll(List<ReleaseItem> releaseItems) {
		Map<String, List<BranchHead>> heads = new LinkedHashMap<>();
		for (ReleaseItem item : releaseItems) {
			heads.put(item.app, resolve(item.app, branches(item)));
		}
		return heads;
	}

	/** The heads the previous stage signed off, provided no branch moved since. */
	private Map<String, List<BranchHead>> signedOff(ReleaseStage previous, List<ReleaseItem> releaseItems) {
		Map<String, List<BranchHead>> pinned = ReleaseJson.heads(previous.signedOffHeads);
		List<String> moved = new ArrayList<>();
		for (ReleaseItem item : releaseItems) {
			List<BranchHead> was = pinned.getOrDefault(item.app, List.of());
			for (BranchHead now : resolve(item.app, branches(item))) {
				String then = was.stream().filter(h -> h.branch().equals(now.branch())).map(BranchHead::commit)
					.findFirst().orElse("(not signed off)");
				if (!then.equals(now.commit())) {
					moved.add(item.app + " " + now.branch() + ": signed off " + then + ", now " + now.commit());
				}
			}
		}
		if (!moved.isEmpty()) {
			throw new ConflictException("Branches moved since the " + previous.env + " stage was signed off: "
					+ String.join("; ", moved) + ". Deploy them to " + previous.env + " again and have it signed off.");
		}
		return pinned;
	}

	private List<BranchHead> resolve(String appName, List<String> branches) {
		Application app = applications.get(appName);
		return git.resolve(new GitRemote(app.getName(), app.getRepoUrl()), branches);
	}

	private void checkBranches(ReleaseRequest request) {
		for (int i = 0; i < request.items().size(); i++) {
			ReleaseRequest.Item item = request.items().get(i);
			Set<String> seen = new HashSet<>();
			for (String branch : item.branches()) {
				String name = branch == null ? null : branch.strip();
				BranchNames.requireBranch("items[" + i + "].branches", name);
				if (!seen.add(name)) {
					throw new InvalidInputException("items[" + i + "].branches", "Branch '" + name + "' of "
							+ item.app() + " is listed twice.");
				}
			}
			// Unknown branches are a 400 now rather than a failed stage later.
			resolve(item.app().strip(), item.branches().stream().map(String::strip).toList());
		}
	}

	private void fill(Release release, ReleaseRequest request) {
		release.title = request.title().strip();
		release.description = blankToNull(request.description());
		release.rollbackPlan = blankToNull(request.rollbackPlan());
		release.updatedAt = clock.instant();
	}

	private void saveItems(long releaseId, ReleaseRequest request) {
		int seq = 0;
		for (ReleaseRequest.Item requested : request.items()) {
			ReleaseItem item = new ReleaseItem();
			item.releaseId = releaseId;
			item.seq = seq++;
			item.app = requested.app().strip();
			item.branches = String.join("\n", requested.branches().stream().map(String::strip).toList());
			item.sqlScripts = ReleaseJson.write(requested.scripts().stream()
				.map(s -> new ReleaseItemView.Script(s.name().strip(), s.script())).toList());
			items.insert(item);
		}
	}

	/** The release path: the environments after dev (after the first when there is no dev), in order. */
	private List<Environment> path() {
		List<Environment> all = environments.list();
		int dev = all.stream().map(Environment::getName).toList().indexOf("dev");
		return all.subList(Math.max(dev, 0) + 1, all.size());
	}

	List<ReleaseStage> stages(long id) {
		return stages.selectList(new QueryWrapper<ReleaseStage>().eq("release_id", id).orderByAsc("seq"));
	}

	private List<ReleaseItem> items(long id) {
		return items.selectList(new QueryWrapper<ReleaseItem>().eq("release_id", id).orderByAsc("seq"));
	}

	private static List<String> branches(ReleaseItem item) {
		return List.of(item.branches.split("\n"));
	}

	private static ReleaseItemView itemView(ReleaseItem item) {
		return new ReleaseItemView(item.app, branches(item), ReleaseJson.scripts(item.sqlScripts));
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

}
