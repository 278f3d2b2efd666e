import { describe, expect, it } from 'vitest'
import { AnsiParser, stripAnsi } from './ansi'

const parse = (line: string) => new AnsiParser().parse(line)

describe('AnsiParser', () => {
	it('mapsColourCodesToClasses', () => {
		const segments = parse('\x1b[1;31mERROR\x1b[0m done \x1b[32mOK\x1b[39m')

		expect(segments).toEqual([
			{ text: 'ERROR', classes: ['ansi-fg-1', 'ansi-bold'] },
			{ text: ' done ', classes: [] },
			{ text: 'OK', classes: ['ansi-fg-2'] },
		])
	})

	it('mapsBrightBackgroundAndExtendedColours', () => {
		expect(parse('\x1b[94;43mx')[0]).toEqual({ text: 'x', classes: ['ansi-fg-12', 'ansi-bg-3'] })
		expect(parse('\x1b[38;5;196mred')[0]).toEqual({ text: 'red', classes: [], style: 'color:rgb(255,0,0)' })
		expect(parse('\x1b[38;2;10;20;30;48;5;2mrgb')[0]).toEqual({
			text: 'rgb',
			classes: ['ansi-bg-2'],
			style: 'color:rgb(10,20,30)',
		})
	})

	it('keepsMarkupAsText', () => {
		const segments = parse('\x1b[33m<img src=x onerror="alert(1)"> & <b>bold</b>\x1b[0m')

		expect(segments).toEqual([{ text: '<img src=x onerror="alert(1)"> & <b>bold</b>', classes: ['ansi-fg-3'] }])
	})

	it('carriesTheStyleToTheNextLineLikeATerminal', () => {
		const parser = new AnsiParser()
		parser.parse('\x1b[36mstarts cyan')

		expect(parser.parse('still cyan')).toEqual([{ text: 'still cyan', classes: ['ansi-fg-6'] }])
	})

	it('dropsOtherEscapeSequencesAndOverwrittenText', () => {
		expect(stripAnsi('\x1b[2K\x1b[1Gprogress 10%\rprogress 100%')).toBe('progress 100%')
		expect(stripAnsi('\x1b[?25lhidden cursor\x1b[?25h')).toBe('hidden cursor')
		expect(stripAnsi('plain line\r')).toBe('plain line')
	})
})
