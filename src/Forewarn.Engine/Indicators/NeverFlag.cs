using System.Collections.Frozen;

namespace Forewarn.Engine.Indicators;

/// <summary>
/// The built-in never-flag list: official numbers that fraudsters spoof or that victims are told to call, so a
/// blacklist entry on them is always a mistake. They suppress blacklist hits whatever the indicator store says.
/// </summary>
public static class NeverFlag
{
    private static readonly FrozenDictionary<string, string> PhoneNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["96110"] = "反诈预警劝阻专线",
        ["110"] = "公安报警电话",
        ["12110"] = "公安短信报警",
        ["12381"] = "涉诈预警劝阻短信",
        ["12321"] = "网络不良与垃圾信息举报受理中心",
        ["12345"] = "政务服务便民热线",
        ["95588"] = "中国工商银行",
        ["95599"] = "中国农业银行",
        ["95533"] = "中国建设银行",
        ["95566"] = "中国银行",
        ["95559"] = "交通银行",
        ["95555"] = "招商银行",
        ["95595"] = "中国光大银行",
        ["95568"] = "中国民生银行",
        ["95558"] = "中信银行",
        ["95561"] = "兴业银行",
        ["95577"] = "华夏银行",
        ["95528"] = "上海浦东发展银行",
        ["95508"] = "广发银行",
        ["95511"] = "平安银行",
        ["95580"] = "中国邮政储蓄银行",
        ["96096"] = "重庆农村商业银行",
        ["95516"] = "中国银联",
        ["95188"] = "支付宝",
        ["95017"] = "微信支付（财付通）",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PhoneSpans =
        PhoneNames.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Never-flag phone numbers (normalised digits) and whose they are.</summary>
    public static IReadOnlyDictionary<string, string> Phones => PhoneNames;

    /// <summary>Whether a normalised value is on the never-flag list. Only phone numbers are listed today.</summary>
    public static bool Contains(IndicatorType type, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return type == IndicatorType.Phone && PhoneNames.ContainsKey(value);
    }

    internal static bool ContainsPhone(ReadOnlySpan<char> digits) => PhoneSpans.ContainsKey(digits);
}
