using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Forewarn.Engine.Indicators;
using Forewarn.Engine.Values;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Indicators;
using Forewarn.Server.Features.Quarantine;
using Forewarn.Server.Features.Signals;
using Forewarn.Server.Features.Territory;
using Microsoft.Extensions.Options;

namespace Forewarn.Server.Features.Contacts;

/// <summary>One "A was in contact with B" record (12381-style victim discovery).</summary>
public sealed record ContactRecord(string? Subscriber, string? Counterparty, string? Kind, string? At, int? DurationSeconds);

/// <summary>
/// Streams contact records, matches each counterparty against the in-memory blacklist, and turns only the
/// hits into signals through the one intake. Replays are harmless: a hit's external id is derived from the
/// record itself. Rejected records are kept for review.
/// </summary>
public sealed class ContactScan(SignalIntake intake, BlacklistHolder blacklist, AppDbContext db, IOptions<TerritoryOptions> territory, TimeProvider clock)
{
    public sealed record Counts(long Received, long Matched, long Signals, long Duplicates, long Rejected);

    private const int HitBatch = 2_000;
    private const int QuarantineBatch = 1_000;

    public async Task<Counts> RunAsync(TextReader reader, bool csv, int clientId, string actor, IProgress<long>? progress, CancellationToken ct)
    {
        long received = 0, matched = 0, signals = 0, duplicates = 0, rejected = 0, lineNumber = 0;
        var hits = new List<RawItem>();
        var bad = new List<QuarantinedItem>();
        var cityPath = Unit.PathOf(null, territory.Value.CityCode);
        int[]? columns = null;
        if (csv)
        {
            var header = await reader.ReadLineAsync(ct);
            lineNumber++;
            columns = header is null ? null : ColumnsOf(header);
            if (columns is null)
            {
                throw new InvalidDataException(L.T("CSV 第一行应为表头 subscriber,counterparty,kind,at,durationSeconds",
                    "The first CSV line must be the header subscriber,counterparty,kind,at,durationSeconds"));
            }
        }
        var list = blacklist.Current;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            received++;
            var record = csv ? FromCsv(line, columns!) : FromJson(line);
            var error = record is null ? "format" : Check(record);
            if (error is not null)
            {
                rejected++;
                bad.Add(new QuarantinedItem
                {
                    Kind = QuarantineKind.Contact,
                    ClientId = clientId,
                    Payload = line.Length > 2000 ? line[..2000] : line,
                    Errors = JsonSerializer.Serialize(new[] { new ItemError("", error, L.T($"第 {lineNumber} 行无效（{error}）", $"line {lineNumber} is invalid ({error})")) },
                        JsonSerializerOptions.Web),
                    ReceivedAt = clock.GetUtcNow().UtcDateTime,
                    Status = QuarantineStatus.Pending,
                    UnitPath = cityPath,
                });
                if (bad.Count >= QuarantineBatch)
                {
                    await SaveQuarantineAsync(bad, ct);
                }
                continue;
            }
            if (IsHit(list, record!.Counterparty!))
            {
                matched++;
                hits.Add(ToSignal(record, line));
                if (hits.Count >= HitBatch)
                {
                    (signals, duplicates) = Add((signals, duplicates), await intake.IngestAsync(clientId, actor, hits, ct));
                    hits.Clear();
                    list = blacklist.Current;
                }
            }
            if (received % 100_000 == 0)
            {
                progress?.Report(received);
            }
        }
        if (hits.Count > 0)
        {
            (signals, duplicates) = Add((signals, duplicates), await intake.IngestAsync(clientId, actor, hits, ct));
        }
        await SaveQuarantineAsync(bad, ct);
        progress?.Report(received);
        return new Counts(received, matched, signals, duplicates, rejected);
    }

    private static (long, long) Add((long Signals, long Duplicates) counts, List<ItemResult> results) =>
        (counts.Signals + results.Count(r => r.Status == SignalIntake.Accepted), counts.Duplicates + results.Count(r => r.Status == SignalIntake.Duplicate));

    private async Task SaveQuarantineAsync(List<QuarantinedItem> bad, CancellationToken ct)
    {
        if (bad.Count == 0)
        {
            return;
        }
        db.ChangeTracker.Clear();
        db.Quarantine.AddRange(bad);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        bad.Clear();
    }

    /// <summary>The hot path: digits-only numbers (the usual case) are matched without allocating.</summary>
    private static bool IsHit(Blacklist list, string counterparty)
    {
        var span = counterparty.AsSpan();
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return PhoneNumber.TryParse(counterparty, out var phone) && list.TryMatch(IndicatorType.Phone, phone.Value, out _);
            }
        }
        return list.IsBlacklistedPhone(span);
    }

    private static string? Check(ContactRecord r)
    {
        if (string.IsNullOrEmpty(r.Subscriber) || string.IsNullOrEmpty(r.Counterparty) || string.IsNullOrEmpty(r.At))
        {
            return "missing";
        }
        if (r.Kind is not ("call" or "sms"))
        {
            return "kind";
        }
        if (r.DurationSeconds is < 0 or > 86_400)
        {
            return "duration";
        }
        if (!SignalValidation.TryParseTime(r.At, out _))
        {
            return "time";
        }
        return PhoneNumber.TryParse(r.Subscriber, out var subscriber) && subscriber.Kind != PhoneKind.Service ? null : "subscriber";
    }

    private static RawItem ToSignal(ContactRecord r, string line)
    {
        // Same record, same id: a re-sent file is acknowledged as duplicates, not counted twice.
        var id = "contact-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{r.Subscriber}|{r.Counterparty}|{r.Kind}|{r.At}|{r.DurationSeconds}")))[..32];
        var item = new SignalItem(id, r.Kind, r.At, new SubjectItem(r.Subscriber, null, null, null, null, null, null, null),
            new CounterpartyItem(r.Counterparty, null, null, null, null, null, null), r.DurationSeconds, null, null, null, null, null);
        return new RawItem(item, line, null);
    }

    private static readonly string[] Header = ["subscriber", "counterparty", "kind", "at", "durationseconds"];

    private static int[]? ColumnsOf(string header)
    {
        var names = header.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var columns = Header.Select(h => Array.IndexOf(names, h)).ToArray();
        return columns[..4].Any(c => c < 0) ? null : columns;
    }

    private static ContactRecord? FromCsv(string line, int[] columns)
    {
        var fields = line.Contains('"', StringComparison.Ordinal) ? Engine.Csv.Split(line) : [.. line.Split(',')];
        if (fields is null)
        {
            return null;
        }
        string? Field(int column) => column >= 0 && column < fields.Count ? fields[column].Trim() : null;
        int? duration = null;
        if (Field(columns[4]) is { Length: > 0 } d)
        {
            if (!int.TryParse(d, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            duration = value;
        }
        return new ContactRecord(Field(columns[0]), Field(columns[1]), Field(columns[2]), Field(columns[3]), duration);
    }

    private static ContactRecord? FromJson(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<ContactRecord>(line, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
