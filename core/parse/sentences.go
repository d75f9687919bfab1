package parse

import "unicode/utf8"

// SentenceStop ends a sentence of the prose (which is folded: half-width
// punctuation as well as full-width).
func SentenceStop(r rune) bool {
	switch r {
	case '。', ';', '；', '\n', '!', '?', '！', '？':
		return true
	}
	return false
}

// EachSentence calls fn with the byte range [i, j) in pr.Text of every
// sentence of the narrative: the parts under a heading, in order. The
// intro (the template's own sentences) and the tables (not prose) are
// left out.
func (d *Doc) EachSentence(fn func(pr *Prose, i, j int)) {
	for pi := range d.Parts {
		pt := &d.Parts[pi]
		if pt.Heading < 0 {
			continue
		}
		t := pt.Prose.Text
		for i := 0; i < len(t); {
			j := i
			for j < len(t) {
				r, size := utf8.DecodeRuneInString(t[j:])
				if SentenceStop(r) {
					break
				}
				j += size
			}
			if j > i {
				fn(&pt.Prose, i, j)
			}
			if j == len(t) {
				break
			}
			_, size := utf8.DecodeRuneInString(t[j:])
			i = j + size
		}
	}
}
