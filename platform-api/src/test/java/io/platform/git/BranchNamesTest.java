package io.platform.git;

import io.platform.support.web.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BranchNamesTest {

	@ParameterizedTest
	@ValueSource(strings = { "main", "feature/login", "release-1.2", "v1.0", "3f2a9c1", "refs/heads/main",
			"refs/tags/v1.0" })
	void branchesTagsFullRefsAndCommitIdsAreStartPoints(String from) {
		assertThatCode(() -> BranchNames.requireStartPoint("from", from)).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "../../etc/passwd", "refs/../../config", "refs/heads/../../../x", "-x", "a b",
			"main.lock", "x@{1}", "HEAD", "/etc/passwd", "a//b", "a\\b", "a:b" })
	void refsOutsideGitsRulesAreRefusedAsStartPointsAndAsBranches(String ref) {
		assertThatThrownBy(() -> BranchNames.requireStartPoint("from", ref)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("'" + ref + "' is not a valid Git branch, tag or commit");
		assertThatThrownBy(() -> BranchNames.requireBranch("branches", ref)).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("Branch '" + ref + "' is not a valid Git branch name");
	}

}
