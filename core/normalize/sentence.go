package normalize

import (
	"hash/fnv"
	"sort"
	"strings"
	"unicode/utf8"
)

// Sentence keys: what is left of a sentence of a report once everything a
// copy changes is taken out — years, numbers, dates, punctuation, the
// unit's own name and the words a unit uses to name itself ("我区", "全县",
// "区政府"). Two reports whose sentences have equal keys say the same
// thing in the same words: the copied text of last year's report (rule C03)
// or of another unit's report (core/similar).

// MinSentence is the length in characters, once reduced, below which a
// sentence proves nothing: "（一）主动公开" or "年月日" are the same in
// every report.
const MinSentence = 8

// SentenceKeys reduces sentences for comparison. Not safe for concurrent
// use (it keeps a buffer).
type SentenceKeys struct {
	names *strings.Replacer
	buf   []byte
}

// regionEnds end the name of a place: the unit's name without the region
// before one of them is also its name ("淮安市洪泽区" → "洪泽区").
var regionEnds = []string{"省", "市", "区", "县", "州", "盟", "旗", "镇", "乡", "街道"}

// selfLevels are what "我/本/全" + one of them means: the unit itself or
// its territory, written by the level of the unit ("我区", "全县", "本局").
// A unit that copies another's report changes these words and nothing
// else in the sentence.
var selfLevels = []string{"省", "市", "区", "县", "州", "盟", "旗", "镇", "乡", "局", "委", "办", "厅", "院", "单位", "机关", "部门", "中心"}

// levelOf are the words after a level character that name a body of that
// level ("区政府", "县委", "市直", "区级"): the character is dropped.
var levelOf = []string{"人民政府", "政府", "委", "直", "级", "属"}

// levels are the characters that name the level of a region.
var levels = []string{"省", "市", "区", "县", "州", "盟", "旗", "镇", "乡"}

// NewSentenceKeys returns keys that also drop the names of the given
// units, in their usual forms: as written, folded (AgencyKey, strict and
// loose), without their region ("洪泽区" for "淮安市洪泽区人民政府"), and
// the places in them ("淮安市", "洪泽", …).
func NewSentenceKeys(agencies ...string) *SentenceKeys {
	var names []string
	seen := map[string]bool{}
	add := func(n string) {
		if utf8.RuneCountInString(n) >= 2 && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	for _, a := range agencies {
		add(a)
		add(agencyKey(a, false))
		loose := agencyKey(a, true)
		add(loose)
		// The places in the name: "淮安市洪泽区" is also written "洪泽区"
		// (the name without its region), and its places are named
		// "淮安市", "洪泽区", "淮安", "洪泽" in the text ("大成武昌").
		last := 0
		for i := 0; i < len(loose); {
			end := ""
			for _, e := range regionEnds {
				if strings.HasPrefix(loose[i:], e) {
					end = e
					break
				}
			}
			if end == "" || i == last {
				_, size := utf8.DecodeRuneInString(loose[i:])
				i += size
				continue
			}
			cut := i + len(end)
			add(loose[last:i])   // the place, bare
			add(loose[last:cut]) // with its level
			add(loose[:cut])     // the region
			add(loose[cut:])     // the name without its region
			last, i = cut, cut
		}
	}
	// Longest first: "淮安市洪泽区人民政府" before "洪泽区" (a Replacer
	// tries its strings in the order given).
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	var args []string
	for _, n := range names {
		args = append(args, n, "")
	}
	for _, p := range []string{"我", "本", "全"} {
		for _, l := range selfLevels {
			args = append(args, p+l, "")
		}
	}
	for _, l := range levels {
		for _, w := range levelOf {
			args = append(args, l+w, w)
		}
	}
	return &SentenceKeys{names: strings.NewReplacer(args...)}
}

// Key of a sentence: its hash and its length in characters once reduced.
func (k *SentenceKeys) Key(s string) (uint64, int) {
	s = k.names.Replace(s)
	k.buf = k.buf[:0]
	n := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '〇', r < utf8.RuneSelf && !isASCIILetter(r):
			continue
		case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF, r >= 0x2000 && r <= 0x206F:
			continue // CJK and general punctuation, full-width forms
		}
		k.buf = utf8.AppendRune(k.buf, r)
		n++
	}
	h := fnv.New64a()
	h.Write(k.buf)
	return h.Sum64(), n
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
