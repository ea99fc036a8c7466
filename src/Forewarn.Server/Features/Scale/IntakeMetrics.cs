using System.Diagnostics.Metrics;
using Forewarn.Server.Features.Signals;

namespace Forewarn.Server.Features.Scale;

/// <summary>The process's OpenTelemetry instruments, exported in Prometheus text at <c>/metrics</c> (docs/scale.md lists them).</summary>
public sealed class IntakeMetrics
{
    public const string MeterName = "Forewarn";

    private readonly Counter<long> _received;
    private readonly Counter<long> _results;
    private readonly Counter<long> _contactsScanned;
    private readonly Counter<long> _contactsMatched;
    private readonly Counter<long> _slaBreaches;

    public IntakeMetrics(IMeterFactory meters, SignalIntake intake, Leadership leadership, IServiceProvider services)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("forewarn.signals.received", "{signal}", "Signals received by this process's API");
        _results = meter.CreateCounter<long>("forewarn.signals.answered", "{signal}", "Signals answered, by status (accepted, duplicate, rejected)");
        _contactsScanned = meter.CreateCounter<long>("forewarn.contacts.scanned", "{record}", "Contact records scanned against the blacklist");
        _contactsMatched = meter.CreateCounter<long>("forewarn.contacts.matched", "{record}", "Contact records whose counterparty is blacklisted (match rate = matched / scanned)");
        _slaBreaches = meter.CreateCounter<long>("forewarn.sla.breaches", "{alert}", "Dissuasion SLA breaches raised (supervisor or city alerts) by this process");
        meter.CreateObservableGauge("forewarn.intake.queue", () => intake.QueueLength, "{request}", "Batches waiting for the intake's group commit");
        meter.CreateObservableGauge("forewarn.leader", () => leadership.IsLeader ? 1 : 0, null, "1 if this process runs the city-wide background passes");
        // Only a consuming process has partitions; the others report nothing rather than a misleading zero.
        meter.CreateObservableGauge("forewarn.queue.lag", () => services.GetService<SignalConsumer>() is { } c ? [new Measurement<long>(c.Pending)] : Array.Empty<Measurement<long>>(),
            "{message}", "JetStream messages not yet acknowledged in this worker's partitions (pending plus in flight)");
        meter.CreateObservableGauge("forewarn.partitions.owned", () => services.GetService<SignalConsumer>() is { } c ? [new Measurement<int>(c.OwnedPartitions)] : Array.Empty<Measurement<int>>(),
            "{partition}", "JetStream partitions this worker consumes");
    }

    public void Answered(IReadOnlyList<ItemResult> results)
    {
        _received.Add(results.Count);
        foreach (var group in results.GroupBy(r => r.Status))
        {
            _results.Add(group.Count(), new KeyValuePair<string, object?>("status", group.Key));
        }
    }

    public void Scanned(long scanned, long matched)
    {
        _contactsScanned.Add(scanned);
        _contactsMatched.Add(matched);
    }

    public void SlaBreaches(int count) => _slaBreaches.Add(count);
}
