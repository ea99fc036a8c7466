using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Forewarn.Engine.Values;

/// <summary>
/// An http or https address as reported in a case (钓鱼网址): scheme and host in lower case, the default port
/// and the fragment dropped, path and query kept exactly as given. A bare <c>evil.com/path</c> is taken as http.
/// </summary>
public readonly record struct WebUrl
{
    private const int MaxLength = 4096;

    // RFC 3986 scheme characters, to tell "javascript:" from "evil.com:8080".
    private static readonly SearchValues<char> SchemeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    private readonly string? _value;
    private readonly string? _host;

    private WebUrl(string value, string host, Domain? domain)
    {
        _value = value;
        _host = host;
        Domain = domain;
    }

    /// <summary>The normalised address, e.g. <c>http://evil.com/pay?id=1</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The host: a normalised domain name, an IPv4 address or a bracketed IPv6 address.</summary>
    public string Host => _host ?? string.Empty;

    /// <summary>The host as a <see cref="Values.Domain"/>; null when the host is an IP address.</summary>
    public Domain? Domain { get; }

    /// <summary>Parses an address, or throws a <see cref="FormatException"/> naming the error code.</summary>
    public static WebUrl Parse(string input) =>
        TryParse(input, out var value, out var error) ? value : throw ValueText.ParseFailure("web address", error);

    /// <summary>Parses an http or https address, or a bare host with an optional path.</summary>
    public static bool TryParse(string? input, out WebUrl value) => TryParse(input, out value, out _);

    /// <summary>
    /// Parses an http or https address, or a bare host with an optional path. On failure
    /// <paramref name="error"/> is <c>missing</c>, <c>format</c> or <c>length</c>; other schemes
    /// (<c>javascript:</c>, <c>ftp:</c>) are <c>format</c>.
    /// </summary>
    public static bool TryParse(string? input, out WebUrl value, out string? error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = ValueError.Missing;
            return false;
        }

        var text = input.AsSpan().Trim();
        if (text.Length > MaxLength)
        {
            error = ValueError.Length;
            return false;
        }

        bool https;
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            https = false;
            text = text[7..];
        }
        else if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            https = true;
            text = text[8..];
        }
        else if (text.StartsWith("//"))
        {
            https = false;
            text = text[2..];
        }
        else if (HasOtherScheme(text))
        {
            error = ValueError.Format;
            return false;
        }
        else
        {
            https = false;
        }

        // Browsers end the authority at a backslash too, so http://evil.com\@bank.com goes to evil.com.
        var authorityEnd = text.IndexOfAny("/?#\\");
        var authority = authorityEnd < 0 ? text : text[..authorityEnd];
        var rest = authorityEnd < 0 ? [] : text[authorityEnd..];
        var fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        foreach (var c in rest)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                error = ValueError.Format;
                return false;
            }
        }

        // Userinfo (http://bank.com@evil.com) only disguises the real host, so it is dropped.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        error = SplitHostAndPort(authority, https ? 443 : 80, out var hostText, out var port);
        if (error is not null)
        {
            return false;
        }

        string host;
        Domain? domain = null;
        if (hostText[0] == '[')
        {
            if (!IPAddress.TryParse(hostText[1..^1], out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = ValueError.Format;
                return false;
            }

            host = $"[{address}]";
        }
        else if (IsIPv4(hostText))
        {
            host = hostText.ToString();
        }
        else if (Values.Domain.TryParse(hostText, null, out var name, out error))
        {
            domain = name;
            host = name.Value;
        }
        else
        {
            return false;
        }

        var scheme = https ? "https://" : "http://";
        var slash = rest.IsEmpty || rest[0] is '?' or '\\' ? "/" : string.Empty;
        var url = port > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{scheme}{host}:{port}{slash}{rest}")
            : string.Concat(scheme, host, slash, rest);
        value = new WebUrl(url, host, domain);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>
    /// Whether <paramref name="text"/> starts with a scheme other than http(s) (<c>javascript:</c>,
    /// <c>ftp://</c>, or a malformed <c>http:evil.com</c>) rather than a bare host with a port (<c>evil.com:8080</c>).
    /// </summary>
    private static bool HasOtherScheme(ReadOnlySpan<char> text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || text[..colon].IndexOfAny("/?#\\[") >= 0 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        if (text[..colon].ContainsAnyExcept(SchemeCharacters))
        {
            return false;
        }

        var after = text[(colon + 1)..];
        var end = after.IndexOfAny("/?#\\");
        var port = end < 0 ? after : after[..end];
        return port.IsEmpty || port.ContainsAnyExceptInRange('0', '9');
    }

    private static string? SplitHostAndPort(ReadOnlySpan<char> authority, int defaultPort, out ReadOnlySpan<char> host, out int port)
    {
        port = 0;
        host = authority;
        ReadOnlySpan<char> portText = [];
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return ValueError.Format;
            }

            host = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            if (!after.IsEmpty)
            {
                if (after[0] != ':')
                {
                    return ValueError.Format;
                }

                portText = after[1..];
            }
        }
        else
        {
            var colon = authority.IndexOf(':');
            if (colon >= 0)
            {
                host = authority[..colon];
                portText = authority[(colon + 1)..];
            }
        }

        if (host.IsEmpty || host.ContainsAny(" \t\r\n"))
        {
            return ValueError.Format;
        }

        // An empty port (http://evil.com:/) means the default port.
        if (!portText.IsEmpty)
        {
            if (portText.Length > 5 || portText.ContainsAnyExceptInRange('0', '9')
                || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port)
                || port is < 1 or > 65535)
            {
                return ValueError.Format;
            }

            if (port == defaultPort)
            {
                port = 0;
            }
        }

        return null;
    }

    // Only the canonical dotted-decimal form; octal, hex and shortened forms are rejected rather than guessed.
    private static bool IsIPv4(ReadOnlySpan<char> host)
    {
        var parts = 0;
        foreach (var range in host.Split('.'))
        {
            var part = host[range];
            parts++;
            if (parts > 4 || part.IsEmpty || part.Length > 3 || part.ContainsAnyExceptInRange('0', '9')
                || (part.Length > 1 && part[0] == '0')
                || int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }
}
