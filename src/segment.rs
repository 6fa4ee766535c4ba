//! Word segmentation: jieba's algorithm without its HMM (`Jieba::cut(text, false)`), over a
//! dictionary kept as one sorted array.
//!
//! jieba-rs builds a hash trie word by word, which cost 45 % of a cold run's instructions for
//! the ~12,000 words of our dictionary (the lexicon and the indicator library's terms). Here the
//! dictionary is a sorted list of the words' characters in one buffer: building it is one sort
//! (mostly of the library's terms, which come sorted), and the words that start at a character
//! are found from a table of first characters, then by narrowing a search one character at a
//! time. The segmentation is jieba's, step for step, so the spans are the same (pinned by
//! `tests/segment.rs` against jieba-rs itself):
//!
//! - the text is split into runs of 汉字, ASCII letters and digits and `+#&._%-` (cut) and runs of
//!   anything else (one token a character, `\r\n` one token);
//! - in a cut run, every dictionary word starting at each character is an edge; the route from
//!   the end maximises the sum of `ln(freq) − ln(total)`, a character without a word counting
//!   `ln 1`, and a tie goes to the longer word;
//! - single ASCII letters or digits the route leaves alone are joined into one token.

/// The CJK Unified Ideographs block (U+4E00..=U+9FFF), whose characters the first-character
/// table indexes directly (others, Extension A and the astral blocks included, are searched).
const HAN: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

/// A segmentation dictionary: words with their frequencies.
pub struct Segmenter {
    /// Every word's characters, one word after another, the words in byte (= code point) order.
    chars: Vec<char>,
    /// Each word's range in `chars`, in the same order.
    spans: Vec<(u32, u32)>,
    /// Each word's `ln(freq)`.
    log_freq: Vec<f64>,
    /// `ln` of the sum of every word's frequency.
    log_total: f64,
    /// For each 汉字 of `HAN`: one past the index in `firsts` of its words' range (0: none).
    han: Vec<u16>,
    /// For each character that starts a word, in order: the range of `spans` of the words it
    /// starts.
    firsts: Vec<(char, u32, u32)>,
}

impl Segmenter {
    /// A dictionary of `words`: where a word comes more than once, its last frequency counts (as
    /// jieba's `add_word` replaces it). Empty words are ignored. The input may be in any order;
    /// it is cheapest when made of a few runs already sorted.
    pub fn new<'a>(words: impl IntoIterator<Item = (&'a str, u64)>) -> Segmenter {
        let mut words: Vec<(&str, u64)> = words.into_iter().filter(|w| !w.0.is_empty()).collect();
        // Stable: of equal words the last given ends last in its group.
        words.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut kept: Vec<(&str, u64)> = Vec::with_capacity(words.len());
        for w in words {
            match kept.last_mut() {
                Some(last) if last.0 == w.0 => *last = w,
                _ => kept.push(w),
            }
        }
        let mut chars = Vec::with_capacity(kept.iter().map(|w| w.0.len()).sum::<usize>() / 3);
        let mut spans = Vec::with_capacity(kept.len());
        let mut log_freq = Vec::with_capacity(kept.len());
        let mut firsts: Vec<(char, u32, u32)> = Vec::new();
        let mut total: u64 = 0;
        for (i, (w, f)) in kept.into_iter().enumerate() {
            let start = chars.len() as u32;
            for c in w.chars() {
                chars.push(c);
            }
            spans.push((start, chars.len() as u32));
            log_freq.push((f as f64).ln());
            total = total.wrapping_add(f);
            let c = chars[start as usize];
            match firsts.last_mut() {
                Some(last) if last.0 == c => last.2 = i as u32 + 1,
                _ => firsts.push((c, i as u32, i as u32 + 1)),
            }
        }
        // The table is used only while the indices fit (a dictionary with more than 65,535
        // distinct first characters searches `firsts` instead; jieba's full one has ~11,800).
        let mut han = Vec::new();
        if firsts.len() <= u16::MAX as usize {
            han = vec![0u16; (HAN.end() - HAN.start() + 1) as usize];
            for (i, &(c, _, _)) in firsts.iter().enumerate() {
                if HAN.contains(&(c as u32)) {
                    han[(c as u32 - HAN.start()) as usize] = i as u16 + 1;
                }
            }
        }
        Segmenter {
            chars,
            spans,
            log_freq,
            log_total: (total as f64).ln(),
            han,
            firsts,
        }
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Character `k` of word `i`, if the word is longer.
    fn char_at(&self, i: usize, k: usize) -> Option<char> {
        let (a, b) = self.spans[i];
        let at = a as usize + k;
        if at < b as usize {
            Some(self.chars[at])
        } else {
            None
        }
    }

    /// The range of the words that start with `c`.
    fn first_range(&self, c: char) -> Option<(usize, usize)> {
        let at = if !self.han.is_empty() && HAN.contains(&(c as u32)) {
            match self.han[(c as u32 - HAN.start()) as usize] {
                0 => return None,
                i => i as usize - 1,
            }
        } else {
            self.firsts.binary_search_by(|x| x.0.cmp(&c)).ok()?
        };
        let (_, lo, hi) = self.firsts[at];
        Some((lo as usize, hi as usize))
    }

    /// The first index in `lo..hi` whose word does not satisfy `pred` (which holds for a prefix
    /// of the range).
    fn partition(&self, mut lo: usize, mut hi: usize, pred: impl Fn(usize) -> bool) -> usize {
        // Most ranges past the first character are a handful of words.
        if hi - lo <= 8 {
            while lo < hi && pred(lo) {
                lo += 1;
            }
            return lo;
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(mid) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// Calls `f(end, id)` for every word of the dictionary that starts at character `pos` of
    /// `chars`, shortest first.
    fn words_at(&self, chars: &[(u32, char)], pos: usize, mut f: impl FnMut(usize, usize)) {
        let Some((mut lo, mut hi)) = self.first_range(chars[pos].1) else {
            return;
        };
        // Every word of lo..hi starts with the k characters pos..end; the one that is no longer,
        // if any, sorts first.
        let mut k = 1;
        let mut end = pos + 1;
        loop {
            let (a, b) = self.spans[lo];
            if (b - a) as usize == k {
                f(end, lo);
            }
            let Some(&(_, c)) = chars.get(end) else {
                return;
            };
            lo = self.partition(lo, hi, |i| self.char_at(i, k) < Some(c));
            hi = self.partition(lo, hi, |i| self.char_at(i, k) == Some(c));
            if lo == hi {
                return;
            }
            k += 1;
            end += 1;
        }
    }

    /// The tokens of `text` as byte ranges, in order, covering it.
    pub fn cut(&self, text: &str) -> Vec<(u32, u32)> {
        let mut out = Vec::with_capacity(text.len() / 4 + 1);
        let mut chars: Vec<(u32, char)> = Vec::with_capacity(text.len() / 3 + 1);
        let mut route: Vec<(f64, usize)> = Vec::with_capacity(text.len() / 3 + 2);
        let mut pos = 0;
        while pos < text.len() {
            let mut it = text[pos..].char_indices();
            let (_, first) = it.next().expect("pos < len");
            let cut = is_han_default(first);
            let mut end = pos + first.len_utf8();
            for (i, c) in it {
                if is_han_default(c) != cut {
                    break;
                }
                end = pos + i + c.len_utf8();
            }
            let block = &text[pos..end];
            if cut {
                chars.clear();
                chars.extend(block.char_indices().map(|(i, c)| (i as u32, c)));
                self.cut_block(block.len(), &chars, &mut route, |a, b| {
                    out.push(((pos + a) as u32, (pos + b) as u32));
                });
            } else {
                let mut cs = block.char_indices().peekable();
                while let Some((i, c)) = cs.next() {
                    let mut j = i + c.len_utf8();
                    if c == '\r' && cs.peek().map(|&(_, n)| n) == Some('\n') {
                        cs.next();
                        j += 1;
                    }
                    out.push(((pos + i) as u32, (pos + j) as u32));
                }
            }
            pos = end;
        }
        out
    }

    /// Segments one run of cut characters, calling `emit(start, end)` with byte offsets in it.
    fn cut_block(
        &self,
        len: usize,
        chars: &[(u32, char)],
        route: &mut Vec<(f64, usize)>,
        mut emit: impl FnMut(usize, usize),
    ) {
        let n = chars.len();
        route.clear();
        route.resize(n + 1, (0.0, n));
        let log1 = 0.0f64 - self.log_total;
        for idx in (0..n).rev() {
            let mut best: Option<(f64, usize)> = None;
            self.words_at(chars, idx, |end, id| {
                let prob = self.log_freq[id] - self.log_total + route[end].0;
                match best {
                    Some(b) if !(prob > b.0 || (prob == b.0 && end > b.1)) => {}
                    _ => best = Some((prob, end)),
                }
            });
            route[idx] = best.unwrap_or((log1 + route[idx + 1].0, idx + 1));
        }
        let byte = |i: usize| chars.get(i).map_or(len, |&(b, _)| b as usize);
        let mut x = 0;
        let mut left: Option<usize> = None;
        while x < n {
            let y = route[x].1;
            if y - x == 1 && chars[x].1.is_ascii_alphanumeric() {
                left.get_or_insert(x);
            } else {
                if let Some(s) = left.take() {
                    emit(byte(s), byte(x));
                }
                emit(byte(x), byte(y));
            }
            x = y;
        }
        if let Some(s) = left {
            emit(byte(s), len);
        }
    }
}

fn is_cjk_extension(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
    )
}

/// The characters jieba cuts into words (its `RE_HAN_DEFAULT`): 汉字, ASCII letters and digits,
/// and `+#&._%-`.
fn is_han_default(c: char) -> bool {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        true
    } else if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
    } else {
        is_cjk_extension(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(s: &Segmenter, text: &'a str) -> Vec<&'a str> {
        s.cut(text)
            .into_iter()
            .map(|(a, b)| &text[a as usize..b as usize])
            .collect()
    }

    #[test]
    fn the_likelier_route_wins_and_ascii_runs_join() {
        let s = Segmenter::new([
            ("社会", 10),
            ("保险", 10),
            ("社会保险", 2000),
            ("险公", 1),
            ("公益", 10),
        ]);
        assert_eq!(
            words(&s, "社会保险公益AB12，x\r\ny"),
            ["社会保险", "公益", "AB12", "，", "x", "\r\n", "y"]
        );
    }

    #[test]
    fn the_last_frequency_of_a_word_counts() {
        // 保险 at 1 loses to 社会保 + 险; raised to 10,000 it wins.
        let low = Segmenter::new([("社会", 1), ("保险", 1), ("社会保", 1000)]);
        assert_eq!(words(&low, "社会保险"), ["社会保", "险"]);
        let high = Segmenter::new([
            ("社会", 1),
            ("保险", 1),
            ("社会保", 1000),
            ("保险", 1_000_000),
        ]);
        assert_eq!(high.len(), 3);
        assert_eq!(words(&high, "社会保险"), ["社会", "保险"]);
    }
}
