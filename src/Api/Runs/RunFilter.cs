using Platform.Api.Mlflow;

namespace Platform.Api.Runs;

/// <summary>
/// The runs table's filter: MLflow's search syntax (<c>metrics.val_accuracy &gt; 0.9 and params.lr = '0.1'</c>), which
/// also takes the portal's names: <c>name</c> for <c>run_name</c>, statuses as the portal shows them
/// (<c>status = 'Succeeded'</c>), and an unquoted number for a parameter.
/// </summary>
public static class RunFilter
{
    /// <exception cref="MlflowException">The filter does not parse; its message says why.</exception>
    public static IQueryable<Run> Apply(IQueryable<Run> runs, PlatformDb db, string filter) =>
        new MlflowRunQuery(db).Filter(runs, MlflowFilter.Parse(filter).Select(Translate).ToList(), filter);

    private static MlflowClause Translate(MlflowClause c) => c switch
    {
        { Entity: MlflowEntity.Attribute, Key: "name" } => c with { Key = "run_name" },
        { Entity: MlflowEntity.Attribute, Key: "status", Value: string s } => c with { Value = Status(s) },
        { Entity: MlflowEntity.Attribute, Key: "status", Value: List<string> list } => c with { Value = list.Select(Status).ToList() },
        { Entity: MlflowEntity.Param, Value: double d } => c with { Value = RunSort.Format(d) },
        _ => c,
    };

    private static string Status(string text) =>
        Enum.TryParse<RunStatus>(text.Trim(), ignoreCase: true, out var status) && Enum.IsDefined(status) && !char.IsDigit(text.Trim()[0])
            ? MlflowMapping.Status(status)
            : text;
}
