using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Territory;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Scale;

/// <summary>
/// The web role's half of the intake when NATS is configured: validates a batch as the intake would, keeps the rejected
/// items in quarantine (committed with the request's audit record), and publishes the accepted ones to their subject's
/// partition, answering only once JetStream has stored every one. Correlation happens later on a worker, so an accepted
/// item has no warning id yet.
/// </summary>
public sealed class SignalPublisher(SignalBus stream, AppDbContext db, LookupHasher hasher, IOptions<TerritoryOptions> territory, TimeProvider clock)
{
    public async Task<List<ItemResult>> PublishAsync(int clientId, string actor, IReadOnlyList<RawItem> items, CancellationToken ct, bool quarantineRejected = true)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var results = new ItemResult?[items.Count];
        var publishes = new List<(int Index, Task<bool> Duplicate)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var errors = new List<ItemError>();
            if (SignalValidation.Validate(item, now, errors) is { } signal)
            {
                publishes.Add((i, stream.PublishAsync(clientId, actor, hasher.Hash("phone", signal.SubjectPhone), item.Item!, ct)));
                continue;
            }
            results[i] = new ItemResult(item.Item?.ExternalId, SignalIntake.Rejected, null, errors);
            if (quarantineRejected)
            {
                db.Quarantine.Add(SignalValidation.Quarantined(clientId, item, errors, now, Unit.PathOf(null, territory.Value.CityCode)));
            }
        }
        await Task.WhenAll(publishes.Select(p => p.Duplicate));
        foreach (var (index, duplicate) in publishes)
        {
            results[index] = new ItemResult(items[index].Item!.ExternalId, await duplicate ? SignalIntake.Duplicate : SignalIntake.Accepted, null, null);
        }
        // The quarantine and the request's audit record (added by the audit filter) commit before the answer.
        await db.SaveChangesAsync(ct);
        return [.. results.Select(r => r!)];
    }
}
