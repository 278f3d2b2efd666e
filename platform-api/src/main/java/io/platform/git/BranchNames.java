package io.platform.git;

import io.platform.support.web.InvalidInputException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * Git's rules for branch names (git check-ref-format), each with the reason a person can act on. JGit's
 * own check is the final word; the rules before it only say why a name fails.
 *
 * <p>Every branch or ref the API takes goes through here before it reaches a repository: JGit looks a ref
 * up as a file under the repository, so a name like {@code ../../x} would read a file outside it.
 */
public final class BranchNames {

	private static final String FORBIDDEN = "~^:?*[\\";

	private BranchNames() {
	}

	/** Refuses (400 on {@code name}) a name a new branch cannot have. */
	public static void requireNewBranch(String name) {
		String problem = problem(name);
		if (problem != null) {
			throw new InvalidInputException("name", "Branch name '" + name + "' " + problem + ".");
		}
	}

	/**
	 * Refuses (400, naming {@code field}) a branch that is not a valid Git branch name, before any lookup.
	 */
	public static void requireBranch(String field, String name) {
		String problem = problem(name);
		if (problem != null) {
			throw new InvalidInputException(field,
					"Branch '" + name + "' is not a valid Git branch name: it " + problem + ".");
		}
	}

	/**
	 * Refuses (400, naming {@code field}) a start point that is neither a valid branch or tag name, a full
	 * ref ({@code refs/...}) nor a commit id, before any lookup.
	 */
	public static void requireStartPoint(String field, String from) {
		String problem = from != null && from.startsWith(Constants.R_REFS) ? problem(from.substring(Constants.R_REFS.length()))
				: problem(from);
		if (problem != null) {
			throw new InvalidInputException(field,
					"'" + from + "' is not a valid Git branch, tag or commit: it " + problem + ".");
		}
	}

	/** Why {@code name} cannot be a branch, phrased to follow "Branch name 'x'", or {@code null}. */
	static String problem(String name) {
		if (name == null || name.isEmpty()) {
			return "must not be empty";
		}
		if (name.startsWith("-")) {
			return "must not start with '-'";
		}
		if (name.chars().anyMatch(Character::isWhitespace)) {
			return "must not contain spaces";
		}
		if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
			return "must not contain control characters";
		}
		if (name.contains("..")) {
			return "must not contain '..'";
		}
		for (char c : FORBIDDEN.toCharArray()) {
			if (name.indexOf(c) >= 0) {
				return "must not contain '" + c + "' (none of ~ ^ : ? * [ \\ are allowed)";
			}
		}
		if (name.contains("@{") || name.equals("@")) {
			return "must not be '@' or contain '@{'";
		}
		if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
			return "must not start or end with '/' nor contain '//'";
		}
		if (name.endsWith(".")) {
			return "must not end with '.'";
		}
		for (String part : name.split("/")) {
			if (part.startsWith(".")) {
				return "must not have a part starting with '.' ('" + part + "')";
			}
			if (part.endsWith(".lock")) {
				return "must not have a part ending with '.lock' ('" + part + "')";
			}
		}
		if (name.equals("HEAD")) {
			return "must not be 'HEAD' (Git reserves it)";
		}
		if (!Repository.isValidRefName("refs/heads/" + name)) {
			return "is not a valid Git branch name";
		}
		return null;
	}

}
