namespace Forewarn.Engine.Indicators;

/// <summary>The kind of a fraud indicator (涉诈要素). Wire names are the lower-case member names.</summary>
public enum IndicatorType
{
    /// <summary>A phone number, as normalised digits (e.g. <c>17012345678</c>, <c>95588</c>).</summary>
    Phone,
    /// <summary>A bank card or payment account.</summary>
    Account,
    /// <summary>A normalised URL.</summary>
    Url,
    /// <summary>A lower-case host name; a listed domain also covers its sub-domains.</summary>
    Domain,
    /// <summary>An app id (package name or store id).</summary>
    App,
    /// <summary>An instant-messaging handle (WeChat, QQ, …).</summary>
    Im,
    /// <summary>An IPv4 or IPv6 address.</summary>
    Ip,
}
