using System.Diagnostics.Metrics;
using Forewarn.Server.Features.Signals;

namespace Forewarn.Server.Features.Scale;

/// <summary>The intake's OpenTelemetry instruments, exported in Prometheus text at <c>/metrics</c>.</summary>
public sealed class IntakeMetrics
{
    public const string MeterName = "Forewarn";

    private readonly Counter<long> _received;
    private readonly Counter<long> _results;
    private readonly Counter<long> _contactsScanned;
    private readonly Counter<long> _contactsMatched;

    public IntakeMetrics(IMeterFactory meters, SignalIntake intake)
    {
        var meter = meters.Create(MeterName);
        _received = meter.CreateCounter<long>("forewarn.signals.received", "{signal}", "Signals received by this process's API");
        _results = meter.CreateCounter<long>("forewarn.signals.answered", "{signal}", "Signals answered, by status (accepted, duplicate, rejected)");
        _contactsScanned = meter.CreateCounter<long>("forewarn.contacts.scanned", "{record}", "Contact records scanned against the blacklist");
        _contactsMatched = meter.CreateCounter<long>("forewarn.contacts.matched", "{record}", "Contact records whose counterparty is blacklisted");
        meter.CreateObservableGauge("forewarn.intake.queue", () => intake.QueueLength, "{request}", "Batches waiting for the intake's group commit");
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
}
