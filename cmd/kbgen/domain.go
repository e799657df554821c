package main

import "strings"

// This file holds the SRE domain data the generator draws from: services,
// teams, components, and the phrase lists used for titles, front matter,
// timelines and action items. All slices are in fixed order so output is
// deterministic.

// services are the system names used in front matter and runbook folders.
var services = strings.Fields(`checkout payments product-catalog search identity
	auth-gateway cart inventory pricing recommendations notifications
	email-sender sms-gateway orders fulfillment shipping billing invoicing
	ledger fraud-detection user-profile session-store api-gateway edge-proxy
	cdn dns object-storage postgres-primary kafka redis-cache scheduler
	batch-etl analytics reporting feature-flags config-service
	metrics-pipeline logging-pipeline mobile-backend web-frontend`)

// teams are the owner handles; service i is owned by teams[i%len(teams)].
var teams = strings.Fields(`team-platform team-payments team-checkout team-search
	team-identity team-data team-infra team-network team-storage
	team-observability team-mobile team-web team-growth team-billing
	team-messaging team-catalog team-fulfillment team-security team-sre
	team-database team-edge team-ml team-api team-notifications`)

// components are parts of a service, used in titles and prose.
var components = []string{"database", "cache", "queue", "API", "worker pool",
	"ingress", "load balancer", "scheduler", "consumer", "search index",
	"object store", "CDN", "DNS", "message bus", "session store", "batch jobs",
	"webhooks", "auth tokens", "connection pool", "read replicas"}

var regions = []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1"}

var severities = []string{"SEV1", "SEV2", "SEV3", "SEV4"}

var symptoms = []string{"latency spike", "elevated 5xx errors", "partial outage",
	"degraded search results", "stuck queue", "failed payments", "login failures",
	"replication lag", "missing notifications", "slow page loads", "timeouts",
	"crash loop", "stale data", "dropped events", "full outage", "high error rate"}

var causes = []string{"cache TTL change", "certificate expiry", "config push",
	"database failover", "schema migration", "dependency outage", "DNS change",
	"node pool upgrade", "traffic surge", "feature flag rollout", "kernel upgrade",
	"disk exhaustion", "connection pool exhaustion", "load balancer change",
	"bad deploy", "quota exhaustion", "clock skew", "region failover",
	"retry storm", "log volume surge", "expired credentials", "memory leak"}

var occasions = []string{"peak traffic", "a regional failover", "the weekly batch run",
	"a Kubernetes upgrade", "a marketing campaign", "a vendor maintenance window",
	"a data center power event", "end of month billing", "a holiday sale"}

var rbProblems = []string{"failover", "high latency", "error rate spike",
	"saturation", "certificate renewal", "restart", "disk full", "replication lag",
	"stampede", "backlog", "crash loop", "memory pressure",
	"connection exhaustion", "rollback", "scale out", "drain", "hot partition",
	"stale reads", "DNS resolution failures", "TLS handshake errors"}

var alertSuffixes = []string{"LatencyHigh", "ErrorRateHigh", "SaturationHigh",
	"QueueBacklogHigh", "ReplicationLagHigh", "CertificateExpiringSoon",
	"DiskFillingUp", "PodCrashLooping", "SLOBurnRateFast", "SLOBurnRateSlow",
	"HealthCheckFailing", "ConsumerLagHigh", "MemoryPressure",
	"ConnectionPoolExhausted", "TargetsDown"}

var tagList = strings.Fields(`cache stampede database dns tls certificate deploy
	config capacity networking kubernetes queue kafka retry-storm timeout
	memory-leak disk-full dependency third-party rate-limit autoscaling
	feature-flag migration replication failover load-balancer cdn auth storage
	observability alerting cron batch clock-skew bgp cost security data-loss
	latency errors availability on-call postgres redis ingress`)

var contributingFactors = strings.Fields(`no-request-coalescing hard-ttl missing-alert
	alert-threshold-too-high config-drift untested-rollback
	single-point-of-failure insufficient-capacity retry-amplification
	missing-timeout unbounded-queue expired-certificate manual-change
	stale-runbook noisy-alerts dependency-outage schema-migration-lock
	connection-pool-exhaustion memory-leak disk-exhaustion clock-skew dns-ttl
	cache-invalidation thundering-herd missing-canary shared-fate
	incomplete-rollout feature-flag-misconfiguration quota-exhaustion
	log-volume gc-pauses hot-partition split-brain leader-election-flap
	misrouted-traffic insufficient-test-coverage unclear-ownership
	slow-detection missing-dashboard alert-fatigue`)

var guardrailList = []string{"single-flight cache fills", "TTL jitter",
	"canary analysis", "automated rollback", "circuit breakers", "load shedding",
	"per-tenant rate limits", "connection pool limits", "certificate expiry alerts",
	"staged config rollout", "schema change review", "chaos drills",
	"capacity forecasts", "SLO burn-rate alerts", "retry budgets",
	"request timeouts", "bulkheads", "feature flag kill switch", "read-only mode",
	"backpressure", "quota alerts", "dual-region failover",
	"dependency health checks", "pre-deploy smoke tests", "runbook drills"}

// insights are one-sentence lessons; {svc} and {comp} are filled in.
var insights = []string{
	"Hot keys expiring together overload the origin without request coalescing.",
	"Retries without a budget turn a brief {comp} slowdown into a full {svc} outage.",
	"A config change that skips the canary stage reaches every region at once.",
	"Alerts on averages hide tail latency until customers notice it first.",
	"Certificates that renew by hand eventually expire on a weekend.",
	"Shared {comp} capacity couples the fate of unrelated services.",
	"Rollbacks that are never rehearsed take longer than the incident itself.",
	"Unbounded queues convert overload into latency instead of fast failures.",
	"Schema migrations that take long locks stall every writer behind them.",
	"Missing timeouts let one slow dependency exhaust the {svc} worker pool.",
	"Autoscaling reacts too late when traffic doubles within a minute.",
	"Stale runbooks slow responders down more than having no runbook at all.",
	"Clock skew between hosts breaks token validation in surprising ways.",
	"Disk usage grows quietly until the last few percent disappear in minutes.",
	"A single leader for the {comp} is a single point of failure in disguise.",
	"Dashboards that nobody owns drift away from the system they describe.",
}

// actionTemplates describe follow-up work; {svc}, {svc2} and {comp} are filled in.
var actionTemplates = []string{
	"Add alerting on p95 latency for {svc}",
	"Add single-flight request coalescing to the {svc} cache client",
	"Introduce TTL jitter for {svc} cache entries",
	"Add a circuit breaker between {svc} and {svc2}",
	"Set explicit client timeouts on calls from {svc} to {svc2}",
	"Cap retries with a retry budget in the {svc} client",
	"Automate certificate rotation for {svc}",
	"Add a canary stage to the {svc} deploy pipeline",
	"Write a runbook for {svc} {comp} failover",
	"Drill the {svc} rollback procedure",
	"Load test {svc} at three times peak traffic",
	"Add a dashboard panel for {svc} {comp} saturation",
	"Alert on {comp} usage above 80 percent for {svc}",
	"Review the {svc} on-call escalation policy",
	"Move {svc} config changes behind a staged rollout",
	"Add schema migration review for {svc}",
	"Add disk usage forecasting for {svc} nodes",
	"Tune autoscaling thresholds for {svc}",
	"Document ownership of the {svc} {comp}",
	"Add synthetic probes for {svc} from every region",
	"Reduce debug log volume from {svc}",
	"Add per-tenant rate limits on {svc}",
	"Split the shared {comp} between {svc} and {svc2}",
	"Add backpressure to the {svc} consumer",
	"Pin the {svc} base image and add upgrade tests",
	"Add clock skew monitoring on {svc} hosts",
	"Fix the stale dashboard links in the {svc} runbook",
}

// sentenceTemplates are realistic SRE sentences mixed into the prose.
var sentenceTemplates = []string{
	"The {svc} service began returning errors shortly after the {cause} reached {region}.",
	"On-call engineers from {team} paged the {comp} owners once {alert} fired.",
	"Error rates on {svc} stayed above the SLO threshold for about {n} minutes.",
	"We shifted traffic away from {region} while the {comp} recovered.",
	"The {comp} for {svc} reached its connection limit within a few minutes.",
	"Requests from {svc2} to {svc} retried aggressively and amplified the load.",
	"Customers saw slow responses and intermittent failures during this window.",
	"The dashboards for {svc} did not show the {comp} saturation at first.",
	"Rolling back the {cause} restored normal latency on {svc}.",
	"Nobody on the incident channel had drilled this failure mode before.",
	"The incident commander from {team} split the response into two workstreams.",
	"A status page update went out while {team} investigated the {comp}.",
	"Synthetic probes in {region} caught the regression before most customers did.",
	"The {svc} runbook described the checks but not the rollback.",
	"We confirmed recovery by watching p99 latency on {svc} for {n} minutes.",
	"The {comp} behaved as designed, but the design assumed far less traffic.",
	"Capacity headroom on {svc} had shrunk over several quarters without notice.",
	"Alert {alert} fired, but its description pointed to an outdated dashboard.",
}
