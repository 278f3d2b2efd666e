package io.platform.release.sql;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.platform.application.ApplicationService;
import io.platform.environment.BindingService;
import io.platform.environment.Environment;
import io.platform.environment.EnvironmentService;
import io.platform.support.web.ConflictException;
import io.platform.support.web.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.init.ScriptException;
import org.springframework.jdbc.datasource.init.ScriptStatementFailedException;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQL scripts run at most once per service and environment, with a ledger of every attempt. A script
 * that ran somewhere is never edited (a changed text is a 409: add a new script); one that failed does not
 * count as ran and may run again. Every ledger write is its own transaction, so a caller's rollback never
 * loses the record of what was done to a database.
 */
@Service
public class SqlLedger {

	private static final Logger log = LoggerFactory.getLogger(SqlLedger.class);

	private static final int NAME_MAX = 255;

	private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1," + NAME_MAX + "}");

	private static final Pattern STATEMENT_NUMBER = Pattern.compile("#(\\d+) ");

	/** Statement separators: ';' outside quotes and comments; MySQL's '#' comments as well as '--'. */
	private static final String[] COMMENT_PREFIXES = { "--", "#" };

	private final SqlLedgerMapper mapper;

	private final ApplicationService applications;

	private final EnvironmentService environments;

	private final BindingService bindings;

	private final ServiceDatabases databases;

	private final TransactionTemplate ownTransaction;

	SqlLedger(SqlLedgerMapper mapper, ApplicationService applications, EnvironmentService environments,
			BindingService bindings, ServiceDatabases databases, PlatformTransactionManager transactions) {
		this.mapper = mapper;
		this.applications = applications;
		this.environments = environments;
		this.bindings = bindings;
		this.databases = databases;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Runs each script that has not run in {@code env} yet, in order, against the service's database there.
	 * @return one entry per script: RAN, or SKIPPED (with the earlier entry's time, user and release)
	 * @throws ConflictException a script's text changed since it ran somewhere, it is running right now,
	 * or the service has no MySQL / MariaDB database in {@code env}
	 * @throws SqlScriptFailedException a statement failed: its FAILED entry is saved, later scripts did not run
	 */
	public List<SqlRun> runOnce(String app, String env, List<SqlScript> scripts, Long releaseId, String user) {
		String appName = applications.get(app).getName();
		String envName = environments.get(env).getName();
		List<SqlScript> checked = check(scripts);
		// Every script is checked before the first runs: an edited third script stops the first one too.
		for (SqlScript script : checked) {
			refuseChanged(appName, script);
		}
		List<SqlRun> runs = new ArrayList<>();
		ServiceDatabases.Target target = null;
		Connection connection = null;
		try {
			for (SqlScript script : checked) {
				SqlLedgerEntry ran = claimed(appName, script.name(), envName);
				if (ran != null && ran.getOutcome() == SqlOutcome.RAN) {
					runs.add(SqlRun.of(ran, SqlOutcome.SKIPPED));
					continue;
				}
				if (connection == null) {
					target = databases.resolve(appName, envName);
					connection = databases.connect(appName, envName, target);
				}
				refuseChanged(appName, script);
				SqlLedgerEntry entry = claim(appName, envName, script, releaseId, user);
				if (entry.getOutcome() == SqlOutcome.RAN) {
					runs.add(SqlRun.of(entry, SqlOutcome.SKIPPED));
					continue;
				}
				runs.add(run(connection, target, entry, script, runs));
			}
		}
		finally {
			if (connection != null) {
				try {
					connection.close();
				}
				catch (SQLException ex) {
					log.debug("Closing the connection to the database of {} in {} failed", appName, envName, ex);
				}
			}
		}
		return runs;
	}

	/**
	 * What {@link #runOnce} would refuse before running anything, checked without running: invalid or
	 * edited scripts, no database in {@code env}. A release checks every item so a stage does not start half-way.
	 */
	public void checkRunnable(String app, String env, List<SqlScript> scripts) {
		String appName = applications.get(app).getName();
		String envName = environments.get(env).getName();
		List<SqlScript> checked = check(scripts);
		if (checked.isEmpty()) {
			return;
		}
		for (SqlScript script : checked) {
			refuseChanged(appName, script);
		}
		databases.requireConfigured(appName, envName);
	}

	/** The ledger of a service: by script (in the order they first ran), then environment order, then time. */
	public List<SqlRun> ledger(String app) {
		String appName = applications.get(app).getName();
		List<SqlLedgerEntry> entries = mapper.selectList(
				new LambdaQueryWrapper<SqlLedgerEntry>().eq(SqlLedgerEntry::getApp, appName).orderByAsc(SqlLedgerEntry::getId));
		Map<String, Integer> scriptOrder = new HashMap<>();
		entries.forEach(e -> scriptOrder.putIfAbsent(e.getName(), scriptOrder.size()));
		Map<String, Integer> envOrder = envOrder();
		return entries.stream()
			.sorted(Comparator.<SqlLedgerEntry>comparingInt(e -> scriptOrder.get(e.getName()))
				.thenComparingInt(e -> envOrder.getOrDefault(e.getEnv(), Integer.MAX_VALUE))
				.thenComparing(SqlLedgerEntry::getEnv)
				.thenComparing(SqlLedgerEntry::getId))
			.map(SqlRun::of)
			.toList();
	}

	/** Scripts that ran in an environment before {@code env} (in environment order) but not in {@code env}. */
	public List<SqlPending> pending(String app, String env) {
		String appName = applications.get(app).getName();
		String envName = environments.get(env).getName();
		Map<String, Integer> envOrder = envOrder();
		int position = envOrder.get(envName);
		Map<String, List<SqlLedgerEntry>> ran = new LinkedHashMap<>();
		mapper.selectList(new LambdaQueryWrapper<SqlLedgerEntry>().eq(SqlLedgerEntry::getApp, appName)
			.eq(SqlLedgerEntry::getOutcome, SqlOutcome.RAN)
			.orderByAsc(SqlLedgerEntry::getId)).forEach(e -> ran.computeIfAbsent(e.getName(), n -> new ArrayList<>()).add(e));
		List<SqlPending> pending = new ArrayList<>();
		ran.forEach((name, entries) -> {
			if (entries.stream().anyMatch(e -> e.getEnv().equals(envName))) {
				return;
			}
			List<String> earlier = entries.stream()
				.map(SqlLedgerEntry::getEnv)
				.filter(e -> envOrder.getOrDefault(e, Integer.MAX_VALUE) < position)
				.sorted(Comparator.comparingInt(envOrder::get))
				.toList();
			if (!earlier.isEmpty()) {
				pending.add(new SqlPending(name, entries.get(0).getChecksum(), envName, earlier));
			}
		});
		return pending;
	}

	/** Scripts that ran in {@code env} after {@code since} (a rollback to before then does not undo them). */
	public List<SqlRun> ranSince(String app, String env, Instant since) {
		return mapper
			.selectList(new LambdaQueryWrapper<SqlLedgerEntry>().eq(SqlLedgerEntry::getApp, app)
				.eq(SqlLedgerEntry::getEnv, env)
				.eq(SqlLedgerEntry::getOutcome, SqlOutcome.RAN)
				.gt(SqlLedgerEntry::getRanAt, since)
				.orderByAsc(SqlLedgerEntry::getRanAt)
				.orderByAsc(SqlLedgerEntry::getId))
			.stream()
			.map(SqlRun::of)
			.toList();
	}

	/**
	 * A script left RUNNING was cut short by a stop of the platform: it did not finish, so it is FAILED (and
	 * may run again); what it did before the stop is for a person to check, as the error says.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void failInterrupted() {
		for (SqlLedgerEntry entry : mapper
			.selectList(new LambdaQueryWrapper<SqlLedgerEntry>().eq(SqlLedgerEntry::getOutcome, SqlOutcome.RUNNING))) {
			entry.setOutcome(SqlOutcome.FAILED);
			entry.setClaimed(null);
			entry.setError("The platform stopped while the script ran; statements before the stop may have been applied"
					+ " (MySQL DDL is not transactional): check the database before running it again.");
			ownTransaction.executeWithoutResult(status -> mapper.updateById(entry));
			log.warn("SQL script {} of {} in {} was interrupted by a stop of the platform: marked FAILED", entry.getName(),
					entry.getApp(), entry.getEnv());
		}
	}

	private static List<SqlScript> check(List<SqlScript> scripts) {
		if (scripts == null) {
			return List.of();
		}
		Set<String> names = new HashSet<>();
		List<SqlScript> checked = new ArrayList<>();
		for (int i = 0; i < scripts.size(); i++) {
			SqlScript script = scripts.get(i);
			String field = "sql[" + i + "]";
			if (script == null || script.name() == null || !NAME.matcher(script.name().strip()).matches()) {
				throw new InvalidInputException(field + ".name", "Each SQL script needs a name of 1 to " + NAME_MAX
						+ " characters without control characters (the name identifies it in the ledger for good).");
			}
			String name = script.name().strip();
			if (!names.add(name)) {
				throw new InvalidInputException(field + ".name", "SQL script '" + name + "' appears twice; give each script"
						+ " its own name.");
			}
			if (script.script() == null || script.script().isBlank()) {
				throw new InvalidInputException(field + ".script", "SQL script '" + name + "' is empty.");
			}
			checked.add(new SqlScript(name, SqlScript.normalise(script.script())));
		}
		return checked;
	}

	/** A script that ran (or is running) somewhere with another text: never edited, a new one is added. */
	private void refuseChanged(String app, SqlScript script) {
		String checksum = script.checksum();
		List<SqlLedgerEntry> other = mapper.selectList(new LambdaQueryWrapper<SqlLedgerEntry>().eq(SqlLedgerEntry::getApp, app)
			.eq(SqlLedgerEntry::getName, script.name())
			.eq(SqlLedgerEntry::getClaimed, 1)
			.ne(SqlLedgerEntry::getChecksum, checksum)
			.orderByAsc(SqlLedgerEntry::getId));
		if (!other.isEmpty()) {
			SqlLedgerEntry first = other.get(0);
			throw new ConflictException("SQL script '" + script.name() + "' of " + app + " "
					+ (first.getOutcome() == SqlOutcome.RUNNING ? "is running" : "ran") + " in " + first.getEnv() + " ("
					+ first.getRanAt().truncatedTo(ChronoUnit.SECONDS) + ", by " + first.getRanBy() + ") with other text"
					+ " (checksum " + first.getChecksum().substring(0, 12) + "..., now " + checksum.substring(0, 12) + "...);"
					+ " a script that ran is never edited: restore its text and add a new script with the change instead.");
		}
	}

	/** The attempt that holds the script in the environment (RUNNING or RAN), if any. */
	private SqlLedgerEntry claimed(String app, String name, String env) {
		return mapper.selectOne(new LambdaQueryWrapper<SqlLedgerEntry>().eq(SqlLedgerEntry::getApp, app)
			.eq(SqlLedgerEntry::getName, name)
			.eq(SqlLedgerEntry::getEnv, env)
			.eq(SqlLedgerEntry::getClaimed, 1));
	}

	/**
	 * Takes the script in the environment: a RUNNING entry, which the unique key allows once per (app, name,
	 * env) until it FAILED. Loses to a run that got there first: its RAN entry, or a 409 while it runs.
	 */
	private SqlLedgerEntry claim(String app, String env, SqlScript script, Long releaseId, String user) {
		SqlLedgerEntry entry = new SqlLedgerEntry();
		entry.setApp(app);
		entry.setName(script.name());
		entry.setEnv(env);
		entry.setChecksum(script.checksum());
		entry.setOutcome(SqlOutcome.RUNNING);
		entry.setClaimed(1);
		entry.setRanAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
		entry.setRanBy(user);
		entry.setReleaseId(releaseId);
		try {
			ownTransaction.executeWithoutResult(status -> mapper.insert(entry));
			return entry;
		}
		catch (DuplicateKeyException ex) {
			SqlLedgerEntry holder = claimed(app, script.name(), env);
			if (holder != null && holder.getOutcome() == SqlOutcome.RAN) {
				return holder;
			}
			throw new ConflictException("SQL script '" + script.name() + "' of " + app + " is running in " + env
					+ (holder == null ? "" : " (started " + holder.getRanAt().truncatedTo(ChronoUnit.SECONDS) + " by "
							+ holder.getRanBy() + ")")
					+ "; it runs only once there: wait for it to finish and start again (it will then be skipped).");
		}
	}

	private SqlRun run(Connection connection, ServiceDatabases.Target target, SqlLedgerEntry entry, SqlScript script,
			List<SqlRun> before) {
		long started = System.nanoTime();
		try {
			// Spring's splitter: ';' inside quotes or comments does not end a statement. The final ';' keeps it
			// from falling back to one statement per line for a script that has a single statement.
			ScriptUtils.executeSqlScript(connection, resourceOf(script), false, false, COMMENT_PREFIXES,
					ScriptUtils.DEFAULT_STATEMENT_SEPARATOR, ScriptUtils.DEFAULT_BLOCK_COMMENT_START_DELIMITER,
					ScriptUtils.DEFAULT_BLOCK_COMMENT_END_DELIMITER);
		}
		catch (RuntimeException ex) {
			String error = failure(ex, resourceOf(script), masker(entry, target));
			entry.setOutcome(SqlOutcome.FAILED);
			entry.setClaimed(null);
			entry.setError(error);
			entry.setDurationMs(elapsed(started));
			ownTransaction.executeWithoutResult(status -> mapper.updateById(entry));
			throw new SqlScriptFailedException("SQL script '" + script.name() + "' of " + entry.getApp() + " failed in "
					+ entry.getEnv() + " at " + error + " Scripts after it did not run; MySQL DDL is not transactional,"
					+ " so statements before it stay applied: fix the script (or the database) and start again.",
					SqlRun.of(entry), before, null);
		}
		entry.setOutcome(SqlOutcome.RAN);
		entry.setDurationMs(elapsed(started));
		ownTransaction.executeWithoutResult(status -> mapper.updateById(entry));
		return SqlRun.of(entry);
	}

	/** The script for Spring's splitter, always ending with ';' (see {@link #run}). */
	private static EncodedResource resourceOf(SqlScript script) {
		return new EncodedResource(new ByteArrayResource((script.script() + "\n;").getBytes(StandardCharsets.UTF_8),
				"SQL script"), StandardCharsets.UTF_8);
	}

	/** "statement #2 (INSERT ...): the database's message", secrets masked, at most 2000 characters. */
	private static String failure(RuntimeException ex, EncodedResource resource, UnaryOperator<String> masker) {
		Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
		String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		String where = "a statement";
		if (ex instanceof ScriptStatementFailedException failed) {
			Matcher number = STATEMENT_NUMBER.matcher(failed.getMessage());
			if (number.find()) {
				int index = Integer.parseInt(number.group(1));
				String prefix = ScriptStatementFailedException.buildErrorMessage("", index, resource);
				String statement = failed.getMessage().startsWith(prefix) ? failed.getMessage().substring(prefix.length()) : "";
				where = "statement #" + index + " (" + SqlErrors.excerpt(masker.apply(statement)) + ")";
			}
		}
		else if (!(ex instanceof ScriptException)) {
			where = "a statement (" + ex.getClass().getSimpleName() + ")";
		}
		String text = where + ": " + masker.apply(message.strip());
		return SqlErrors.cut(text.endsWith(".") ? text : text + ".");
	}

	private UnaryOperator<String> masker(SqlLedgerEntry entry, ServiceDatabases.Target target) {
		UnaryOperator<String> secrets = bindings.masker(entry.getApp(), entry.getEnv());
		return text -> SqlErrors.mask(secrets.apply(text), target.password());
	}

	private Map<String, Integer> envOrder() {
		Map<String, Integer> order = new HashMap<>();
		List<Environment> all = environments.list();
		for (int i = 0; i < all.size(); i++) {
			order.put(all.get(i).getName(), i);
		}
		return order;
	}

	private static long elapsed(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

}
