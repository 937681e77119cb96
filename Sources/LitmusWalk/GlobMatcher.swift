/// The matching state for one (glob, text) pair.
struct GlobMatcher {
    let tokens: [Glob.Token]
    let text: [Character]
    private var failed = Set<Int>()

    init(tokens: [Glob.Token], text: [Character]) {
        self.tokens = tokens
        self.text = text
    }

    /// Whether `tokens[t...]` matches `text[s...]`; failures are memoised.
    mutating func match(_ t: Int, _ s: Int) -> Bool {
        let key = t * (text.count + 1) + s
        if failed.contains(key) { return false }
        let ok = step(t, s)
        if !ok { failed.insert(key) }
        return ok
    }

    private mutating func step(_ t: Int, _ s: Int) -> Bool {
        guard t < tokens.count else { return s == text.count }
        switch tokens[t] {
        case .literal(let c):
            return s < text.count && text[s] == c && match(t + 1, s + 1)
        case .one:
            return s < text.count && text[s] != "/" && match(t + 1, s + 1)
        case .set(let set, let negated):
            return s < text.count && text[s] != "/" && set.contains(text[s]) != negated && match(t + 1, s + 1)
        case .segment:
            var k = s
            while true {
                if match(t + 1, k) { return true }
                guard k < text.count, text[k] != "/" else { return false }
                k += 1
            }
        case .anything:
            for k in s...text.count where match(t + 1, k) { return true }
            return false
        case .directories:
            if match(t + 1, s) { return true }
            for k in s..<text.count where text[k] == "/" && match(t + 1, k + 1) { return true }
            return false
        }
    }
}
