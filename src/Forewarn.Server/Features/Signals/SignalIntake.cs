using System.Text.Json;
using Forewarn.Engine.Indicators;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Quarantine;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Signals;

/// <summary>One item of a batch as received: its parsed form (or why it could not be parsed) and its raw text.</summary>
public sealed record RawItem(SignalItem? Item, string Raw, ItemError? ParseError);

public sealed record ItemResult(string? ExternalId, string Status, long? WarningId, IReadOnlyList<ItemError>? Errors);

/// <summary>
/// The one intake for signals (DESIGN §3): validates every item, acknowledges replays once, keeps rejected
/// items in quarantine, matches counterparties against the blacklist, and raises warnings — all committed
/// in one transaction before the caller answers 2xx.
/// </summary>
public sealed class SignalIntake(AppDbContext db, BlacklistHolder blacklist, LookupHasher hasher, RaiseWarnings raise,
    IOptions<TerritoryOptions> territory, TimeProvider clock, IntakeGate gate, WarningNotifier notifier, ILogger<SignalIntake> log)
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";

    public async Task<List<ItemResult>> IngestAsync(int clientId, string actor, IReadOnlyList<RawItem> items, CancellationToken ct, bool quarantineRejected = true)
    {
        // Correlation must see one subject's signals one batch at a time (two batches must not open two
        // warnings for one person), so this node admits one batch at a time; SQLite serialises writers anyway.
        await gate.Lock.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await IngestOnceAsync(clientId, actor, items, quarantineRejected, ct);
                }
                catch (DbUpdateException e) when (attempt < 3)
                {
                    // Another node stored one of these ids (or changed one of these warnings) between our read and our write:
                    // start again, and the replay check will now see it.
                    log.LogInformation(e, "Intake conflict, retrying batch (attempt {Attempt})", attempt);
                    db.ChangeTracker.Clear();
                }
            }
        }
        finally
        {
            gate.Lock.Release();
        }
    }

    private async Task<List<ItemResult>> IngestOnceAsync(int clientId, string actor, IReadOnlyList<RawItem> items, bool quarantineRejected, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cityPath = Unit.PathOf(null, territory.Value.CityCode);
        var results = new ItemResult?[items.Count];
        var parsed = new List<(int Index, ParsedSignal Signal)>();
        for (var i = 0; i < items.Count; i++)
        {
            var errors = new List<ItemError>();
            var item = items[i];
            var signal = item.ParseError is null && item.Item is not null ? SignalValidation.Validate(item.Item, now, errors) : null;
            if (item.ParseError is not null)
            {
                errors.Add(item.ParseError);
            }
            else if (item.Item is null)
            {
                errors.Add(SignalValidation.Error("", "format", "条目不是 JSON 对象", "the item is not a JSON object"));
            }
            if (signal is null)
            {
                results[i] = new ItemResult(item.Item?.ExternalId, Rejected, null, errors);
                if (!quarantineRejected)
                {
                    continue;
                }
                db.Quarantine.Add(new QuarantinedItem
                {
                    Kind = QuarantineKind.Signal,
                    ClientId = clientId,
                    ExternalId = item.Item?.ExternalId is { Length: <= 100 } id ? id : null,
                    Payload = item.Raw,
                    Errors = JsonSerializer.Serialize(errors, JsonSerializerOptions.Web),
                    ReceivedAt = now,
                    Status = QuarantineStatus.Pending,
                    UnitPath = cityPath,
                });
                continue;
            }
            parsed.Add((i, signal));
        }

        var ids = parsed.Select(p => p.Signal.ExternalId).Distinct().ToList();
        var stored = ids.Count == 0 ? [] : await db.Signals.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.ClientId == clientId && ids.Contains(s.ExternalId))
            .Select(s => new { s.ExternalId, s.WarningId })
            .ToDictionaryAsync(s => s.ExternalId, s => s.WarningId, ct);

        var fresh = new Dictionary<string, Signal>();
        var current = blacklist.Current;
        foreach (var (index, p) in parsed)
        {
            if (stored.TryGetValue(p.ExternalId, out var warningId))
            {
                results[index] = new ItemResult(p.ExternalId, Duplicate, warningId, null);
                continue;
            }
            if (fresh.ContainsKey(p.ExternalId))
            {
                continue; // answered below, once the first copy has its warning
            }
            var entity = new Signal
            {
                ClientId = clientId,
                ExternalId = p.ExternalId,
                Type = p.Type,
                OccurredAt = p.OccurredAt,
                ReceivedAt = now,
                SubjectKey = hasher.Hash("phone", p.SubjectPhone),
                SubjectPhone = p.SubjectPhone,
                SubjectName = p.SubjectName,
                SubjectIdNumber = p.SubjectIdNumber,
                SubjectAge = p.SubjectAge,
                Lat = p.Lat,
                Lon = p.Lon,
                AdminCode = p.AdminCode,
                Address = p.Address,
                CounterpartyType = p.CounterpartyType,
                Counterparty = p.Counterparty,
                CounterpartyBlacklisted = p.CounterpartyType is { } t && Matches(current, t, p.Counterparty!),
                DurationSeconds = p.DurationSeconds,
                AmountFen = p.AmountFen,
                ClueLevel = p.ClueLevel,
                Urgent = p.Urgent,
                FraudType = p.FraudType,
                Note = p.Note,
                UnitPath = cityPath,
            };
            fresh[p.ExternalId] = entity;
            db.Signals.Add(entity);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await raise.ApplyAsync(fresh.Values.ToList(), actor, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Only now, once durable: new and escalated warnings are the ones the signals of this batch joined.
        await notifier.PublishAsync(fresh.Values.Select(s => s.Warning).OfType<Warning>().Distinct(), ct);

        var answered = new HashSet<string>();
        foreach (var (index, p) in parsed)
        {
            if (results[index] is not null)
            {
                continue;
            }
            var signal = fresh[p.ExternalId];
            results[index] = new ItemResult(p.ExternalId, answered.Add(p.ExternalId) ? Accepted : Duplicate, signal.WarningId, null);
        }
        return [.. results.Select(r => r!)];
    }

    private static bool Matches(Blacklist blacklist, IndicatorType type, string value) => type == IndicatorType.Url
        ? blacklist.TryMatchUrl(value, Engine.Values.WebUrl.TryParse(value, out var url, out _) ? url.Host : null, out _)
        : blacklist.TryMatch(type, value, out _);
}

/// <summary>Admits one intake batch at a time on this node (see <see cref="SignalIntake"/>).</summary>
public sealed class IntakeGate : IDisposable
{
    public SemaphoreSlim Lock { get; } = new(1, 1);

    public void Dispose() => Lock.Dispose();
}
