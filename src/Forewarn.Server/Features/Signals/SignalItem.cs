using System.Globalization;
using Forewarn.Engine.Indicators;
using Forewarn.Engine.Values;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Common;
using Forewarn.Server.Features.Indicators;

namespace Forewarn.Server.Features.Signals;

/// <summary>One item of <c>POST /api/v1/signals</c> as it arrives (API.md). Everything is optional here so that
/// a bad item is rejected with reasons instead of failing the whole request.</summary>
public sealed record SignalItem(string? ExternalId, string? Type, string? OccurredAt, SubjectItem? Subject, CounterpartyItem? Counterparty,
    int? DurationSeconds, decimal? Amount, string? Level, bool? Urgent, string? FraudType, string? Note);

public sealed record SubjectItem(string? Phone, string? Name, string? IdNumber, int? Age, double? Lat, double? Lon, string? AdminCode, string? Address);

public sealed record CounterpartyItem(string? Phone, string? Account, string? Url, string? Domain, string? App, string? ImHandle, string? Ip);

/// <summary>A reason an item was rejected, in terms the sender can act on.</summary>
public sealed record ItemError(string Field, string Code, string Message);

/// <summary>A signal that passed validation, normalised, not yet stored.</summary>
public sealed record ParsedSignal(string ExternalId, SignalType Type, DateTime OccurredAt, string SubjectPhone, string? SubjectName,
    string? SubjectIdNumber, int? SubjectAge, double? Lat, double? Lon, string? AdminCode, string? Address,
    IndicatorType? CounterpartyType, string? Counterparty, int? DurationSeconds, long? AmountFen, RiskLevel? ClueLevel, bool Urgent,
    string? FraudType, string? Note);

public static class SignalValidation
{
    /// <summary>How far in the future a source's clock may be before its times are refused.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Validates one received item (see <see cref="RawItem"/>); null with the reasons in <paramref name="errors"/> when it is rejected.</summary>
    public static ParsedSignal? Validate(RawItem item, DateTime nowUtc, List<ItemError> errors)
    {
        if (item.ParseError is not null)
        {
            errors.Add(item.ParseError);
            return null;
        }
        if (item.Item is null)
        {
            errors.Add(Error("", "format", "条目不是 JSON 对象", "the item is not a JSON object"));
            return null;
        }
        return Validate(item.Item, nowUtc, errors);
    }

    /// <summary>A rejected signal kept for staff to correct and replay.</summary>
    public static Quarantine.QuarantinedItem Quarantined(int clientId, RawItem item, IReadOnlyList<ItemError> errors, DateTime nowUtc, string cityPath) => new()
    {
        Kind = Quarantine.QuarantineKind.Signal,
        ClientId = clientId,
        ExternalId = item.Item?.ExternalId is { Length: <= 100 } id ? id : null,
        Payload = item.Raw,
        Errors = System.Text.Json.JsonSerializer.Serialize(errors, System.Text.Json.JsonSerializerOptions.Web),
        ReceivedAt = nowUtc,
        Status = Quarantine.QuarantineStatus.Pending,
        UnitPath = cityPath,
    };

    public static ParsedSignal? Validate(SignalItem item, DateTime nowUtc, List<ItemError> errors)
    {
        var externalId = item.ExternalId?.Trim();
        if (string.IsNullOrEmpty(externalId))
        {
            errors.Add(Error("externalId", "missing", "缺少 externalId", "externalId is missing"));
        }
        else if (externalId.Length > 100)
        {
            errors.Add(Error("externalId", "length", "externalId 不能超过100个字符", "externalId must be at most 100 characters"));
        }

        SignalType type = default;
        if (string.IsNullOrWhiteSpace(item.Type))
        {
            errors.Add(Error("type", "missing", "缺少信号类型 type", "type is missing"));
        }
        else if (!SignalTypes.TryParse(item.Type, out type))
        {
            errors.Add(Error("type", "unknown", $"未知的信号类型：{item.Type}（可用 clue、call、sms、app_install、url_visit、transfer、screen_share）",
                $"unknown type '{item.Type}' (use clue, call, sms, app_install, url_visit, transfer or screen_share)"));
        }

        DateTime occurredAt = default;
        if (string.IsNullOrWhiteSpace(item.OccurredAt))
        {
            errors.Add(Error("occurredAt", "missing", "缺少发生时间 occurredAt", "occurredAt is missing"));
        }
        else if (!TryParseTime(item.OccurredAt, out occurredAt))
        {
            errors.Add(Error("occurredAt", "time", $"无法解析的时间：{item.OccurredAt}（应为 ISO 8601，如 2026-11-28T09:15:00+08:00）",
                $"unparsable time '{item.OccurredAt}' (use ISO 8601, e.g. 2026-11-28T09:15:00+08:00)"));
        }
        else if (occurredAt > nowUtc + ClockTolerance)
        {
            errors.Add(Error("occurredAt", "future", "发生时间在未来", "occurredAt is in the future"));
        }

        var subject = item.Subject;
        string? phone = null, idNumber = null, adminCode = null;
        int? age = subject?.Age;
        if (subject is null)
        {
            errors.Add(Error("subject", "missing", "缺少当事人 subject", "subject is missing"));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(subject.Phone))
            {
                errors.Add(Error("subject.phone", "missing", "缺少当事人电话 subject.phone", "subject.phone is missing"));
            }
            else if (!PhoneNumber.TryParse(subject.Phone, out var p, out var code) || p.Kind == PhoneKind.Service)
            {
                errors.Add(Error("subject.phone", code ?? "service", $"当事人电话无效：{subject.Phone}", $"invalid subject phone '{subject.Phone}' ({code ?? "service number"})"));
            }
            else
            {
                phone = p.Value;
            }
            if (!string.IsNullOrWhiteSpace(subject.IdNumber))
            {
                if (IdNumber.TryParse(subject.IdNumber, out var id, out var code))
                {
                    idNumber = id.Value;
                    age ??= id.AgeOn(DateOnly.FromDateTime(nowUtc + ChinaOffset));
                }
                else
                {
                    errors.Add(Error("subject.idNumber", code ?? "format", code == "checksum" ? "身份证号校验位错误" : $"身份证号无效（{code}）",
                        code == "checksum" ? "ID number checksum is wrong" : $"invalid ID number ({code})"));
                }
            }
            if (subject.Age is < 0 or > 130)
            {
                errors.Add(Error("subject.age", "range", "年龄应在 0 到 130 之间", "age must be between 0 and 130"));
            }
            if (subject.Lat.HasValue != subject.Lon.HasValue || subject.Lat is < -90 or > 90 || subject.Lon is < -180 or > 180)
            {
                errors.Add(Error("subject.lat", "range", "经纬度需同时提供且在有效范围内", "lat and lon must both be given and in range"));
            }
            if (!string.IsNullOrWhiteSpace(subject.AdminCode))
            {
                if (AdminCode.TryParse(subject.AdminCode, out var ac))
                {
                    adminCode = ac.Value;
                }
                else
                {
                    errors.Add(Error("subject.adminCode", "format", "行政区划代码无效", "invalid admin code"));
                }
            }
            if (subject.Name?.Length > 100 || subject.Address?.Length > 300)
            {
                errors.Add(Error("subject.name", "length", "姓名或地址过长", "name or address too long"));
            }
        }

        var (counterpartyType, counterparty) = ValidateCounterparty(item, type, errors);

        if (item.DurationSeconds is < 0 or > 86_400)
        {
            errors.Add(Error("durationSeconds", "range", "通话时长应在 0 到 86400 秒之间", "durationSeconds must be between 0 and 86400"));
        }
        long? amountFen = null;
        if (item.Amount is { } amount)
        {
            if (amount < 0 || amount > 10_000_000_000m || decimal.Round(amount, 2) != amount)
            {
                errors.Add(Error("amount", "format", "金额应为非负数，最多两位小数", "amount must be non-negative with at most two decimals"));
            }
            else
            {
                amountFen = (long)(amount * 100);
            }
        }
        RiskLevel? level = null;
        if (item.Level is not null)
        {
            if (RiskLevels.TryParse(item.Level, out var l))
            {
                level = l;
            }
            else
            {
                errors.Add(Error("level", "unknown", "等级应为 special、high、medium 或 low", "level must be special, high, medium or low"));
            }
        }
        if (type == SignalType.Clue && level is null && item.Urgent != true && errors.Count == 0)
        {
            errors.Add(Error("level", "missing", "线索必须给出等级 level", "a clue needs a level"));
        }
        if (item.Note?.Length > 1000 || item.FraudType?.Length > 40)
        {
            errors.Add(Error("note", "length", "备注或诈骗类型过长", "note or fraudType too long"));
        }

        if (errors.Count > 0)
        {
            return null;
        }
        return new ParsedSignal(externalId!, type, occurredAt, phone!, subject!.Name?.Trim(), idNumber, age, subject.Lat, subject.Lon, adminCode,
            subject.Address?.Trim(), counterpartyType, counterparty, item.DurationSeconds, amountFen, level, item.Urgent == true,
            item.FraudType?.Trim(), item.Note);
    }

    private static (IndicatorType?, string?) ValidateCounterparty(SignalItem item, SignalType type, List<ItemError> errors)
    {
        var c = item.Counterparty;
        var given = new List<(IndicatorType Type, string Raw, string Field)>();
        if (c is not null)
        {
            Add(IndicatorType.Phone, c.Phone, "phone");
            Add(IndicatorType.Account, c.Account, "account");
            Add(IndicatorType.Url, c.Url, "url");
            Add(IndicatorType.Domain, c.Domain, "domain");
            Add(IndicatorType.App, c.App, "app");
            Add(IndicatorType.Im, c.ImHandle, "imHandle");
            Add(IndicatorType.Ip, c.Ip, "ip");
        }
        IndicatorType? needed = type switch
        {
            SignalType.Call or SignalType.Sms => IndicatorType.Phone,
            SignalType.Transfer => IndicatorType.Account,
            SignalType.UrlVisit => IndicatorType.Url,
            SignalType.AppInstall => IndicatorType.App,
            _ => null,
        };
        if (given.Count > 1)
        {
            errors.Add(Error("counterparty", "ambiguous", "对方只能给出一个要素", "give exactly one counterparty value"));
            return (null, null);
        }
        if (given.Count == 0)
        {
            if (needed is not null || type == SignalType.ScreenShare)
            {
                errors.Add(Error("counterparty", "missing", $"{SignalTypes.ToWire(type)} 信号必须给出对方{(needed is null ? "" : "（" + IndicatorValue.Wire(needed.Value) + "）")}",
                    $"a {SignalTypes.ToWire(type)} signal needs a counterparty{(needed is null ? "" : " " + IndicatorValue.Wire(needed.Value))}"));
            }
            return (null, null);
        }
        var (kind, raw, field) = given[0];
        if (needed is not null && kind != needed && !(type == SignalType.UrlVisit && kind == IndicatorType.Domain))
        {
            errors.Add(Error("counterparty." + field, "type", $"{SignalTypes.ToWire(type)} 信号的对方应为 {IndicatorValue.Wire(needed.Value)}",
                $"the counterparty of a {SignalTypes.ToWire(type)} signal must be a {IndicatorValue.Wire(needed.Value)}"));
            return (null, null);
        }
        var value = IndicatorValue.Normalise(kind, raw, out var code);
        if (value is null)
        {
            errors.Add(Error("counterparty." + field, code ?? "format", $"对方{field}无效：{raw}", $"invalid counterparty {field} '{raw}' ({code})"));
            return (null, null);
        }
        return (kind, value);

        void Add(IndicatorType t, string? raw, string field)
        {
            if (!string.IsNullOrWhiteSpace(raw))
            {
                given.Add((t, raw, field));
            }
        }
    }

    /// <summary>ISO 8601; a time without an offset is taken as China time (UTC+8), which every source here uses.</summary>
    public static bool TryParseTime(string text, out DateTime utc)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10))
        {
            utc = withOffset.UtcDateTime;
            return true;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && text.Contains('T', StringComparison.Ordinal))
        {
            utc = DateTime.SpecifyKind(local - ChinaOffset, DateTimeKind.Utc);
            return true;
        }
        utc = default;
        return false;
    }

    public static ItemError Error(string field, string code, string zh, string en) => new(field, code, L.T(zh, en));
}
