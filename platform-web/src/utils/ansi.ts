/**
 * A small reader of ANSI SGR (colour and style) escape codes, for build and container logs.
 *
 * It turns a line into segments of plain text with CSS classes (16 colours) or inline colours
 * (256-colour and true-colour codes). The text stays text: it is rendered by Vue's text
 * interpolation, never as HTML. Other escape sequences (cursor moves, line erase) are dropped.
 * Styles carry over from one line to the next, as in a terminal.
 */
export interface Segment {
	text: string
	classes: string[]
	/** CSS declarations for colours outside the 16-colour palette */
	style?: string
}

interface Style {
	fg: number | string | null
	bg: number | string | null
	bold: boolean
	dim: boolean
	italic: boolean
	underline: boolean
}

const plain = (): Style => ({ fg: null, bg: null, bold: false, dim: false, italic: false, underline: false })

// ESC [ params final-byte (CSI), or ESC followed by one other character
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b\[([0-9;:?]*)([@-~])|\x1b[@-Z\\-_]?/g

export class AnsiParser {
	private style: Style = plain()

	reset() {
		this.style = plain()
	}

	/** Parses one line (without its line break). */
	parse(line: string): Segment[] {
		// a carriage return moves back to the start of the line: what follows overwrites what came before
		const cr = line.lastIndexOf('\r', line.length - 2)
		if (cr >= 0) line = line.slice(cr + 1)
		line = line.replace(/\r$/, '')

		const segments: Segment[] = []
		let last = 0
		ESCAPE.lastIndex = 0
		for (let m = ESCAPE.exec(line); m; m = ESCAPE.exec(line)) {
			if (m.index > last) this.push(segments, line.slice(last, m.index))
			if (m[2] === 'm') this.apply(m[1] ?? '')
			last = ESCAPE.lastIndex
		}
		if (last < line.length) this.push(segments, line.slice(last))
		return segments
	}

	private push(segments: Segment[], text: string) {
		const s = this.style
		const classes: string[] = []
		const css: string[] = []
		if (typeof s.fg === 'number') classes.push(`ansi-fg-${s.fg}`)
		else if (typeof s.fg === 'string') css.push(`color:${s.fg}`)
		if (typeof s.bg === 'number') classes.push(`ansi-bg-${s.bg}`)
		else if (typeof s.bg === 'string') css.push(`background-color:${s.bg}`)
		if (s.bold) classes.push('ansi-bold')
		if (s.dim) classes.push('ansi-dim')
		if (s.italic) classes.push('ansi-italic')
		if (s.underline) classes.push('ansi-underline')
		const prev = segments[segments.length - 1]
		const style = css.length ? css.join(';') : undefined
		if (prev && prev.style === style && prev.classes.join() === classes.join()) {
			prev.text += text
		} else {
			segments.push(style ? { text, classes, style } : { text, classes })
		}
	}

	private apply(params: string) {
		const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)))
		for (let i = 0; i < codes.length; i++) {
			const c = codes[i]!
			if (c === 0) this.style = plain()
			else if (c === 1) this.style.bold = true
			else if (c === 2) this.style.dim = true
			else if (c === 3) this.style.italic = true
			else if (c === 4) this.style.underline = true
			else if (c === 22) this.style.bold = this.style.dim = false
			else if (c === 23) this.style.italic = false
			else if (c === 24) this.style.underline = false
			else if (c >= 30 && c <= 37) this.style.fg = c - 30
			else if (c === 39) this.style.fg = null
			else if (c >= 40 && c <= 47) this.style.bg = c - 40
			else if (c === 49) this.style.bg = null
			else if (c >= 90 && c <= 97) this.style.fg = c - 90 + 8
			else if (c >= 100 && c <= 107) this.style.bg = c - 100 + 8
			else if (c === 38 || c === 48) {
				const [color, used] = extendedColor(codes, i + 1)
				if (c === 38) this.style.fg = color
				else this.style.bg = color
				i += used
			}
		}
	}
}

/** `5;n` (256 colours) or `2;r;g;b` (true colour) after a 38 or 48; returns the colour and how many codes it used. */
function extendedColor(codes: number[], at: number): [number | string | null, number] {
	if (codes[at] === 5) {
		const n = codes[at + 1] ?? 0
		return [n < 16 ? n : xterm256(n), 2]
	}
	if (codes[at] === 2) {
		const [r, g, b] = [codes[at + 1] ?? 0, codes[at + 2] ?? 0, codes[at + 3] ?? 0].map(clamp)
		return [`rgb(${r},${g},${b})`, 4]
	}
	return [null, 0]
}

const clamp = (n: number) => Math.max(0, Math.min(255, Math.trunc(n) || 0))

function xterm256(n: number): string {
	if (n >= 232) {
		const v = 8 + (Math.min(n, 255) - 232) * 10
		return `rgb(${v},${v},${v})`
	}
	const i = n - 16
	const level = (x: number) => (x === 0 ? 0 : 55 + x * 40)
	return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`
}

/** The text of a line without its escape codes. */
export function stripAnsi(line: string): string {
	return new AnsiParser()
		.parse(line)
		.map((s) => s.text)
		.join('')
}
