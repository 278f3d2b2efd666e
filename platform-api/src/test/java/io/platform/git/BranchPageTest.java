package io.platform.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class BranchPageTest {

	private static final List<Branch> BRANCHES = IntStream.range(0, 45)
		.mapToObj(i -> new Branch(String.format("feature/b%02d", i), "c" + i, "m", "a", null))
		.toList();

	@Test
	void cutsOnePageOfTheMatchingBranchesAndCountsThem() {
		BranchPage page = BranchPage.of(BRANCHES, "B1", 2, 4);

		assertThat(page.branches()).extracting(Branch::name).containsExactly("feature/b14", "feature/b15",
				"feature/b16", "feature/b17");
		assertThat(page.total()).isEqualTo(10);
		assertThat(page.totalPages()).isEqualTo(3);
		assertThat(BranchPage.of(BRANCHES, null, 3, 20).branches()).hasSize(5);
		assertThat(BranchPage.of(BRANCHES, "", 9, 20).branches()).isEmpty();
		assertThat(BranchPage.of(BRANCHES, "zzz", 1, 20).totalPages()).isZero();
	}

	@Test
	void plainGitBranchesLeaveTheHostingFieldsUnknown() {
		Branch branch = new Branch("main", "abc", "m", "a", null);

		assertThat(branch.protectedBranch()).isNull();
		assertThat(branch.defaultBranch()).isNull();
		assertThat(branch.merged()).isNull();
	}

}
