using System.Globalization;

namespace Platform.Api.Mlflow;

public enum MlflowEntity { Metric, Param, Tag, Attribute }

/// <summary>One comparison of a filter; <see cref="Value"/> is a double, a string, or a list of strings (IN).</summary>
public sealed record MlflowClause(MlflowEntity Entity, string Key, string Comparator, object Value);

public sealed record MlflowOrder(MlflowEntity Entity, string Key, bool Ascending);

/// <summary>
/// MLflow's search syntax: comparisons joined by AND, e.g. <c>metrics.loss &lt; 0.5 and params.lr = '0.1'</c>;
/// keys with special characters in double quotes or backticks; order_by as <c>metrics.loss DESC</c>.
/// </summary>
public static class MlflowFilter
{
    private static readonly string[] Comparators = ["!=", "<=", ">=", "=", "<", ">"];

    public static List<MlflowClause> Parse(string? filter)
    {
        var clauses = new List<MlflowClause>();
        if (string.IsNullOrWhiteSpace(filter)) return clauses;
        var reader = new Reader(filter);
        while (true)
        {
            var (entity, key) = reader.Identifier();
            var comparator = reader.Comparator();
            object value = comparator is "IN" or "NOT IN" ? reader.List() : reader.Value();
            clauses.Add(new MlflowClause(entity, key, comparator, value));
            reader.SkipSpace();
            if (reader.AtEnd) return clauses;
            if (!reader.Word("AND")) throw Invalid(filter, "expected AND between comparisons (OR is not supported)");
        }
    }

    public static MlflowOrder ParseOrder(string orderBy)
    {
        var reader = new Reader(orderBy);
        var (entity, key) = reader.Identifier();
        reader.SkipSpace();
        var ascending = true;
        if (reader.Word("DESC")) ascending = false;
        else reader.Word("ASC");
        reader.SkipSpace();
        if (!reader.AtEnd) throw MlflowException.InvalidParameter($"Invalid order_by clause '{orderBy}'.");
        return new MlflowOrder(entity, key, ascending);
    }

    internal static MlflowException Invalid(string filter, string why) =>
        MlflowException.InvalidParameter($"Error on parsing filter '{filter}': {why}.");

    private sealed class Reader(string text)
    {
        private int _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_at])) _at++;
        }

        public bool Word(string word)
        {
            SkipSpace();
            if (_at + word.Length > text.Length || string.Compare(text, _at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
            var end = _at + word.Length;
            if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) return false;
            _at = end;
            return true;
        }

        public (MlflowEntity, string) Identifier()
        {
            SkipSpace();
            var start = _at;
            while (!AtEnd && (char.IsLetterOrDigit(text[_at]) || text[_at] == '_')) _at++;
            var prefix = text[start.._at];
            if (AtEnd || text[_at] != '.')
            {
                // A bare name is an attribute (run_name, status, ...).
                if (prefix.Length == 0) throw Invalid(text, $"expected an identifier at position {start}");
                return (MlflowEntity.Attribute, prefix.ToLowerInvariant());
            }
            _at++;
            var entity = prefix.ToLowerInvariant() switch
            {
                "metric" or "metrics" => MlflowEntity.Metric,
                "param" or "params" or "parameter" or "parameters" => MlflowEntity.Param,
                "tag" or "tags" => MlflowEntity.Tag,
                "attribute" or "attributes" or "attr" or "run" => MlflowEntity.Attribute,
                _ => throw Invalid(text, $"invalid entity type '{prefix}'; use metrics., params., tags. or attributes."),
            };
            string key;
            if (!AtEnd && text[_at] is '"' or '`') key = Quoted(text[_at]);
            else
            {
                var keyStart = _at;
                while (!AtEnd && !char.IsWhiteSpace(text[_at]) && text[_at] is not ('=' or '!' or '<' or '>')) _at++;
                key = text[keyStart.._at];
            }
            if (key.Length == 0) throw Invalid(text, "an identifier has no key");
            return (entity, entity == MlflowEntity.Attribute ? key.ToLowerInvariant() : key);
        }

        public string Comparator()
        {
            SkipSpace();
            foreach (var c in Comparators)
                if (string.CompareOrdinal(text, _at, c, 0, c.Length) == 0)
                {
                    _at += c.Length;
                    return c;
                }
            if (Word("LIKE")) return "LIKE";
            if (Word("ILIKE")) return "ILIKE";
            if (Word("IN")) return "IN";
            if (Word("NOT"))
                return Word("IN") ? "NOT IN" : throw Invalid(text, "expected IN after NOT");
            throw Invalid(text, $"expected a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN) at position {_at}");
        }

        public object Value()
        {
            SkipSpace();
            if (AtEnd) throw Invalid(text, "a comparison has no value");
            if (text[_at] is '\'' or '"') return Quoted(text[_at]);
            var start = _at;
            while (!AtEnd && !char.IsWhiteSpace(text[_at]) && text[_at] != ')') _at++;
            var raw = text[start.._at];
            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw Invalid(text, $"'{raw}' is neither a number nor a quoted string");
        }

        public List<string> List()
        {
            SkipSpace();
            if (AtEnd || text[_at] != '(') throw Invalid(text, "IN expects a parenthesized list of quoted strings");
            _at++;
            var values = new List<string>();
            while (true)
            {
                SkipSpace();
                if (AtEnd || text[_at] is not ('\'' or '"')) throw Invalid(text, "IN expects quoted strings");
                values.Add(Quoted(text[_at]));
                SkipSpace();
                if (!AtEnd && text[_at] == ',') { _at++; continue; }
                if (!AtEnd && text[_at] == ')') { _at++; return values; }
                throw Invalid(text, "an IN list is not closed");
            }
        }

        private string Quoted(char quote)
        {
            var start = ++_at;
            while (!AtEnd && text[_at] != quote) _at++;
            if (AtEnd) throw Invalid(text, "a quoted string is not closed");
            return text[start.._at++];
        }
    }
}
