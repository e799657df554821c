package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Command templates for runbook code blocks; {svc}, {region}, {ver} and {n}
// are filled in.
var (
	checkCommands = []string{
		"kubectl -n {svc} get pods -l app={svc} -o wide",
		"kubectl -n {svc} logs deploy/{svc} --since=15m | grep -i error | tail -n 50",
		"kubectl -n {svc} top pods --sort-by=cpu",
		"kubectl -n {svc} describe deploy/{svc} | grep -A5 Conditions",
		"curl -fsS https://{svc}.internal.example/healthz",
		"curl -s https://{svc}.internal.example/metrics | grep -E '^http_requests_in_flight'",
		"psql \"$DATABASE_URL\" -c 'select state, count(*) from pg_stat_activity group by state;'",
		"redis-cli -h {svc}-cache info stats | grep -E 'evicted_keys|keyspace_misses'",
		"kafka-consumer-groups --bootstrap-server kafka:9092 --describe --group {svc}",
		"dig +short {svc}.internal.example",
		"openssl s_client -connect {svc}.example.com:443 -servername {svc}.example.com </dev/null | openssl x509 -noout -dates",
		"aws cloudwatch get-metric-statistics --region {region} --namespace AWS/ApplicationELB --metric-name HTTPCode_Target_5XX_Count --statistics Sum --period 60 --start-time \"$(date -u -d '-30 min' +%FT%TZ)\" --end-time \"$(date -u +%FT%TZ)\"",
		"df -h /var/lib/{svc}",
	}
	actionCommands = []string{
		"kubectl -n {svc} rollout restart deploy/{svc}",
		"kubectl -n {svc} scale deploy/{svc} --replicas={n}",
		"kubectl -n {svc} set env deploy/{svc} FEATURE_NEW_PATH=false",
		"kubectl cordon $(kubectl get nodes -l pool={svc} -o name | head -n 1)",
		"./scripts/failover.sh --service {svc} --to {region}",
		"redis-cli -h {svc}-cache config set maxmemory-policy allkeys-lru",
		"psql \"$DATABASE_URL\" -c 'select pg_terminate_backend(pid) from pg_stat_activity where state = ''idle in transaction'';'",
		"kafka-consumer-groups --bootstrap-server kafka:9092 --group {svc} --reset-offsets --to-latest --topic {svc}-events --execute",
		"curl -X POST https://flags.internal.example/api/flags/{svc}-new-path/disable",
		"certbot renew --cert-name {svc}.example.com && systemctl reload nginx",
	}
	rollbackCommands = []string{
		"kubectl -n {svc} rollout undo deploy/{svc}",
		"kubectl -n {svc} rollout status deploy/{svc} --timeout=5m",
		"helm -n {svc} rollback {svc} 0",
		"./scripts/failover.sh --service {svc} --to primary",
		"kubectl -n {svc} set image deploy/{svc} {svc}=registry.example.com/{svc}:{ver}",
	}
	conditions = []string{"p95 latency exceeds 800 ms", "the 5xx ratio is above 2 percent",
		"consumer lag grows past 100000 messages", "free disk space falls below 10 percent",
		"more than a third of targets fail health checks", "the certificate expires within 14 days",
		"the error budget burns faster than 14 times the allowed rate",
		"replication lag stays above 30 seconds", "the pool has no idle connections"}
	decisions = []string{"the error rate keeps rising after a restart",
		"only one region is affected", "the last deploy is less than an hour old",
		"the database is the bottleneck", "customers report data inconsistencies",
		"the upstream dependency is down", "mitigation takes longer than 30 minutes"}
)

// commands returns k filled commands drawn from list without repetition.
func commands(c *docCtx, list []string, k int) []string {
	out := pickN(c.r, list, k)
	for i, s := range out {
		out[i] = c.fill(s)
	}
	return out
}

// renderRunbook writes runbook i of the plan to buf and returns the set of
// teams it mentions.
func renderRunbook(buf *bytes.Buffer, p *plan, i int, r *rand.Rand) uint64 {
	rb := &p.runbooks[i]
	c := &docCtx{r: r, cause: pick(r, causes)}
	for _, s := range rb.svcs {
		c.svcs = append(c.svcs, services[s])
	}
	c.comps = pickN(r, components, 3)
	c.team = c.useTeam(rb.owner)
	c.alert = rb.alerts[0]

	buf.WriteString("---\n")
	fmt.Fprintf(buf, "title: %s\n", yamlScalar(rb.title, false))
	fmt.Fprintf(buf, "services: %s\n", yamlList(c.svcs))
	fmt.Fprintf(buf, "owner: %s\n", c.team)
	fmt.Fprintf(buf, "alerts: %s\n", yamlList(rb.alerts))
	fmt.Fprintf(buf, "tags: %s\n", yamlList(rb.tags))
	fmt.Fprintf(buf, "last_reviewed: %s\n", fmtDate(rb.reviewed))
	if !rb.drilled.IsZero() {
		fmt.Fprintf(buf, "last_drilled: %s\n", fmtDate(rb.drilled))
	}
	buf.WriteString("---\n\n")

	var b body
	b.para(2)

	b.text("## Trigger\n\n")
	b.para(2)
	var t strings.Builder
	for _, a := range rb.alerts {
		fmt.Fprintf(&t, "- `%s` fires when %s for %d minutes.\n", a, pick(r, conditions), 2+r.IntN(20))
	}
	t.WriteString("\n")
	b.text(t.String())

	b.text("## Checks\n\n")
	for k := range 2 + r.IntN(2) {
		b.item(2, fmt.Sprintf("%d. ", k+1), "   ")
		b.text("\n")
		b.text(codeBlock("sh", commands(c, checkCommands, 1+r.IntN(3))...))
	}

	b.text("## Actions\n\n")
	for k := range 2 + r.IntN(2) {
		b.item(2, fmt.Sprintf("%d. ", k+1), "   ")
		b.text("\n")
		b.text(codeBlock("sh", commands(c, actionCommands, 1+r.IntN(2))...))
	}

	b.text("## Decision points\n\n")
	for _, d := range pickN(r, decisions, 2+r.IntN(2)) {
		b.item(2, "- **If "+d+"**: ", "  ")
	}
	b.text("\n")

	b.text("## Rollback\n\n")
	b.para(2)
	b.text(codeBlock("sh", commands(c, rollbackCommands, 1+r.IntN(2))...))

	b.text("## Validation\n\n")
	b.para(2)
	b.textf("- Error rate on %s is back under the SLO threshold for %d minutes.\n", c.svcs[0], 10+r.IntN(20))
	b.textf("- `%s` has resolved and stays quiet.\n", c.alert)
	if r.IntN(2) == 0 {
		b.text("- Queues and backlogs have drained.\n")
	}
	b.text("\n")
	if r.IntN(2) == 0 {
		b.text(codeBlock("sh", c.fill("curl -fsS https://{svc}.internal.example/healthz && echo ok")))
	}
	if r.IntN(3) == 0 {
		b.text("## Escalation\n\n")
		b.textf("Escalate to `%s` on the pager if these steps do not help within %d minutes.\n\n", c.team, 15+r.IntN(30))
	}

	g := c.newText()
	b.render(buf, g, minTarget+r.IntN(maxTarget-minTarget+1))
	trimTrailingNewlines(buf)
	return c.mask
}
