package io.platform.git;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of integrating one or more branches into a workspace: the commit that is built (the
 * base branch's head when only one branch is given, else a local merge commit whose parents are the
 * branch heads) and the work tree holding it.
 */
public record Integration(String commit, List<BranchHead> heads, Path workTree) {
}
