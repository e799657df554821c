package main

import (
	"math/rand/v2"
	"strings"
	"sync"
)

// This file holds the fixed word lists and the pseudo-word vocabulary that
// the prose generator draws from. Everything here is independent of -seed,
// so all corpora share one "language"; -seed only changes which words are
// drawn where.

// class is a part of speech used by the sentence grammar.
type class int

const (
	noun class = iota
	verb
	adj
	adv
	nClasses

	// function marks a function word (determiner, preposition, conjunction)
	// in a generated sentence; it has no vocabulary of its own.
	function class = -1
)

// Real SRE vocabulary, ranked roughly by how often each word should appear.
// The pseudo-words are ranked after these, so real words dominate the head of
// each Zipf distribution and pseudo-words make up the long tail.
var realWords = [nClasses]string{
	noun: `request latency cache queue database replica shard deploy rollout
		config certificate partition node cluster pod container throughput
		backlog connection pool timeout retry threshold alert dashboard pager
		incident customer traffic region zone load balancer resolver gateway
		proxy endpoint service dependency schema migration index query lock
		transaction disk memory thread heap collector leader election quorum
		lease token session header payload batch job worker scheduler consumer
		producer topic offset lag snapshot backup failover rollback canary
		flag limit quota budget rate error saturation metric trace span log
		sample histogram percentile capacity headroom spike regression release
		pipeline artifact image registry secret key vault permission role
		policy firewall packet route peering link bandwidth socket handshake
		cipher clock skew drift heartbeat probe readiness liveness restart
		eviction autoscaler manifest controller operator webhook callback
		client server bucket object blob volume filesystem inode mount kernel
		driver firmware runbook postmortem responder commander escalation
		handoff status page window maintenance vendor upstream downstream
		caller tenant account invoice order cart payment refund ledger
		catalog inventory notification email backpressure jitter storm herd
		stampede outage degradation mitigation timeline signal symptom cause
		factor guardrail safeguard toil automation drill rotation shift
		latencies budgets hotspot fleet host instance namespace sidecar mesh
		ingress egress subnet tunnel cron checksum replay watermark cursor`,
	verb: `increased dropped spiked saturated exhausted throttled retried
		restarted promoted drained evicted replicated recovered degraded
		stalled paged escalated mitigated resolved detected deployed reverted
		scaled rebalanced expired rotated renewed cached invalidated flushed
		compacted migrated blocked queued leaked crashed overloaded rejected
		accepted confirmed verified observed noticed correlated traced sampled
		alerted acknowledged triaged investigated identified isolated shifted
		throttled paused resumed patched upgraded downgraded provisioned
		terminated rescheduled cordoned tuned capped disabled enabled shipped
		broke masked amplified absorbed delayed buffered timed routed shed
		backfilled reconciled replayed purged`,
	adj: `stale noisy slow healthy unhealthy intermittent partial elevated
		sustained transient primary secondary regional global internal
		external synthetic critical minor major automated manual expected
		unexpected aggressive conservative hot cold idle busy empty full
		unbounded bounded default custom legacy new old concurrent serial
		duplicate missing corrupted consistent stable flaky noisy brittle
		redundant degraded saturated cascading silent`,
	adv: `quickly slowly briefly gradually immediately eventually repeatedly
		intermittently silently automatically manually partially temporarily
		roughly steadily sharply`,
}

// Function words used by the grammar; chosen directly, not by Zipf rank.
var (
	determiners  = []string{"the", "the", "the", "the", "the", "a", "a", "this", "that", "each", "every", "our", "its", "one", "another"}
	prepositions = []string{"in", "on", "at", "for", "from", "to", "with", "during", "after", "before", "across", "behind", "under", "over", "between", "through", "against", "into", "without", "near"}
	conjunctions = []string{"and", "but", "while", "because", "so", "although", "until", "once", "whereas"}
)

// closers end a paragraph with exactly 1..4 words.
var closers = [5][]string{
	1: {"Confirmed.", "Resolved.", "Noted.", "Agreed.", "Done."},
	2: {"Nothing else.", "Impact confirmed.", "Verified later.", "Tracked separately.", "Fully recovered."},
	3: {"We verified this.", "Nothing else changed.", "Graphs confirm this.", "This is tracked.", "Recovery was clean."},
	4: {"The team confirmed this.", "Dashboards showed the same.", "Nobody was paged twice.", "This matched the logs."},
}

// yamlReserved are words a pseudo-word must never be, so that generated
// words can never be misread by a YAML parser.
var yamlReserved = map[string]bool{
	"y": true, "n": true, "yes": true, "no": true, "on": true, "off": true,
	"true": true, "false": true, "null": true, "nan": true, "inf": true,
}

var (
	syllOnsets = strings.Fields("b br c ch cl d dr f fl g gr h j k kl l m n p pl pr qu r s sh sk sl st str t th tr v w z")
	syllVowels = strings.Fields("a e i o u a e o ai ea ou io ia")
	syllCodas  = []string{"", "", "", "n", "r", "l", "s", "t", "x", "m", "rk", "nd", "st", "ng", "ll"}
	adjEnds    = []string{"ic", "al", "ous", "ive", "ant", "ish", "ent", "ary"}
)

// Number of pseudo-words per class (about 6,000 in total).
var pseudoCounts = [nClasses]int{noun: 3200, verb: 1200, adj: 1150, adv: 450}

// vocabulary is the ranked word list for each part of speech.
type vocabulary struct {
	words [nClasses][]string
}

var (
	vocabOnce sync.Once
	vocabVal  *vocabulary
)

// getVocab returns the shared vocabulary, building it on first use.
func getVocab() *vocabulary {
	vocabOnce.Do(func() { vocabVal = buildVocab() })
	return vocabVal
}

// buildVocab builds a deterministic vocabulary: real words first, then
// pseudo-words made of syllables ranked after them.
func buildVocab() *vocabulary {
	r := rand.New(rand.NewPCG(0x6b62, 0x766f636162))
	seen := map[string]bool{}
	var real [nClasses][]string
	for c := range nClasses {
		for _, w := range strings.Fields(realWords[c]) {
			if !seen[w] {
				seen[w] = true
				real[c] = append(real[c], w)
			}
		}
	}
	stem := func() string {
		for {
			var b strings.Builder
			k := 2 + r.IntN(2)
			for i := range k {
				if i > 0 || r.IntN(5) > 0 {
					b.WriteString(syllOnsets[r.IntN(len(syllOnsets))])
				}
				b.WriteString(syllVowels[r.IntN(len(syllVowels))])
				if i == k-1 || r.IntN(3) == 0 {
					b.WriteString(syllCodas[r.IntN(len(syllCodas))])
				}
			}
			s := b.String()
			if len(s) >= 4 && len(s) <= 9 {
				return s
			}
		}
	}
	v := &vocabulary{}
	for c := range nClasses {
		pseudo := make([]string, 0, pseudoCounts[c])
		for len(pseudo) < pseudoCounts[c] {
			s := stem()
			switch c {
			case verb:
				if strings.HasSuffix(s, "e") {
					s += "d"
				} else {
					s += "ed"
				}
			case adj:
				s += adjEnds[r.IntN(len(adjEnds))]
			case adv:
				s += adjEnds[r.IntN(len(adjEnds))] + "ly"
			}
			if seen[s] || yamlReserved[s] {
				continue
			}
			seen[s] = true
			pseudo = append(pseudo, s)
		}
		// Real words take the top ranks, so they make up most of the text;
		// the pseudo-words form the long tail.
		out := make([]string, 0, len(real[c])+len(pseudo))
		out = append(out, real[c]...)
		out = append(out, pseudo...)
		v.words[c] = out
	}
	return v
}

// size returns the total number of distinct content words.
func (v *vocabulary) size() int {
	n := 0
	for c := range nClasses {
		n += len(v.words[c])
	}
	return n
}
