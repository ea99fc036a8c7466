using System.Text;

namespace Forewarn.Engine.Prevention;

/// <summary>
/// Labelled texts as CSV (RFC 4180), read leniently: a header naming a text column (<c>content</c>, or <c>text</c>,
/// <c>sms</c>, <c>message</c>, <c>内容</c>, …) and a label column (<c>label</c>, or <c>class</c>, <c>category</c>,
/// <c>type</c>, <c>标签</c>, <c>类别</c>, …) in any order and any case, other columns ignored; comma-, tab- or
/// semicolon-separated (whichever the header uses); fields optionally quoted, a quoted field may hold separators,
/// doubled quotes and line breaks; a byte-order mark, CRLF line ends and blank lines are fine. Labels are free text:
/// any label names a class of its own, whether or not it is one of <see cref="FraudTypes.All"/>.
/// </summary>
public static class LabelledCsv
{
    /// <summary>Header names of the text column, most specific first (compared case-insensitively).</summary>
    public static IReadOnlyList<string> TextColumns { get; } =
        ["content", "text", "sms", "message", "msg", "sentence", "body", "内容", "文本", "短信", "案情", "描述"];

    /// <summary>Header names of the label column, most specific first (compared case-insensitively).</summary>
    public static IReadOnlyList<string> LabelColumns { get; } =
        ["label", "class", "category", "type", "kind", "target", "y", "标签", "类别", "类型", "分类", "诈骗类型"];

    private static readonly char[] Separators = [',', '\t', ';'];

    /// <summary>
    /// Reads a file's bytes: UTF-8 (with or without a byte-order mark, or UTF-16 with one), and — when the bytes are not
    /// valid UTF-8 — GB18030, in which Chinese spreadsheets are often saved.
    /// </summary>
    /// <exception cref="InvalidDataException">As <see cref="Read(TextReader)"/>.</exception>
    public static List<(string Text, string Label)> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes.ToArray()), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        else
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                text = Encoding.GetEncoding("GB18030").GetString(bytes);
            }
        }
        return Read(new StringReader(text));
    }

    /// <summary>Reads every record; blank lines (or lines of empty fields) are skipped.</summary>
    /// <exception cref="InvalidDataException">No header, no text or label column, an unclosed quote, or a record without a label.</exception>
    public static List<(string Text, string Label)> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var first = reader.ReadLine();
        while (first is not null && first.Trim().TrimStart('\uFEFF').Length == 0)
        {
            first = reader.ReadLine();
        }
        if (first is null)
        {
            throw new InvalidDataException("The file is empty; expected a header line 'content,label'.");
        }
        first = first.TrimStart('\uFEFF');
        var separator = Separator(first);
        using var records = Records(first, reader, separator).GetEnumerator();
        records.MoveNext();
        var header = records.Current.Fields.Select(f => f.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var content = Column(header, TextColumns);
        var label = Column(header, LabelColumns);
        if (content < 0 || label < 0 || content == label)
        {
            throw new InvalidDataException(
                $"Line 1: expected a header naming a text column ({string.Join('/', TextColumns.Take(4))}) and a label column " +
                $"({string.Join('/', LabelColumns.Take(4))}), as in 'content,label'; found '{string.Join(separator, header)}'.");
        }
        var result = new List<(string, string)>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.All(f => f.Trim().Length == 0))
            {
                continue;
            }
            if (fields.Count <= Math.Max(content, label) || fields[label].Trim().Length == 0)
            {
                throw new InvalidDataException($"Line {line}: expected {header.Count} fields with a label, found {fields.Count}.");
            }
            result.Add((fields[content], fields[label].Trim()));
        }
        return result;
    }

    /// <summary>The first known name that the header holds, or −1.</summary>
    private static int Column(List<string> header, IReadOnlyList<string> names) =>
        names.Select(name => header.IndexOf(name)).FirstOrDefault(i => i >= 0, -1);

    /// <summary>The separator the header line uses: a comma unless it has none and a tab or semicolon instead.</summary>
    private static char Separator(string header) =>
        Separators.Select(s => (Separator: s, Count: header.Count(c => c == s))).Where(x => x.Count > 0)
            .Select(x => x.Separator).DefaultIfEmpty(',').First();

    /// <summary>The records with the line each starts on, the first from the line already read.</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(string first, TextReader reader, char separator)
    {
        var lineNumber = 0;
        var next = first;
        while (next is { } line)
        {
            lineNumber++;
            var start = lineNumber;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var i = 0;
            while (true)
            {
                if (i == line.Length)
                {
                    if (!quoted)
                    {
                        break;
                    }
                    // A line break inside quotes belongs to the field.
                    line = reader.ReadLine() ?? throw new InvalidDataException($"Line {start}: a quoted field is never closed.");
                    lineNumber++;
                    field.Append('\n');
                    i = 0;
                    continue;
                }
                var c = line[i++];
                if (quoted)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i < line.Length && line[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == '"' && field.ToString().Trim().Length == 0)
                {
                    // Spaces before an opening quote are not part of the field.
                    field.Clear();
                    quoted = true;
                }
                else if (c == separator)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }
            fields.Add(field.ToString());
            yield return (start, fields);
            next = reader.ReadLine();
        }
    }
}
