namespace Forewarn.Engine.Values;

/// <summary>The kind of a <see cref="PhoneNumber"/>.</summary>
public enum PhoneKind
{
    /// <summary>An 11-digit mainland mobile number (手机号), e.g. 13812345678.</summary>
    Mobile = 0,

    /// <summary>A fixed line with its area code (座机), e.g. 023-62345678.</summary>
    Landline = 1,

    /// <summary>
    /// A public service or hotline number: emergency short numbers, 96110 (the anti-fraud warning line),
    /// 95xxx/96xxx bank and utility lines, 12xxx government lines, 400/800 company numbers.
    /// </summary>
    Service = 2,
}
