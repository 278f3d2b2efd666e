import { describe, expect, it } from 'vitest'
import { conflictFiles } from './conflicts'

describe('conflictFiles', () => {
	it('readsACommaSeparatedListAfterTheColon', () => {
		expect(
			conflictFiles('Merging feature/b into feature/a conflicts in: src/main/java/App.java, pom.xml', ['feature/a', 'feature/b']),
		).toEqual(['src/main/java/App.java', 'pom.xml'])
	})

	it('readsOneFilePerLine', () => {
		expect(conflictFiles('feature/b does not merge into feature/a. Conflicting files:\n- src/A.java\n- README.md\n', ['feature/a', 'feature/b'])).toEqual([
			'src/A.java',
			'README.md',
		])
	})

	it('findsNothingInAnErrorWithoutFiles', () => {
		expect(conflictFiles('The build failed: exit code 1')).toEqual([])
		expect(conflictFiles(null)).toEqual([])
	})
})
