using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Storage.Entities;

namespace Platform.Storage.Data;

internal sealed class AnnotationProjectConfiguration : IEntityTypeConfiguration<AnnotationProject>
{
    public void Configure(EntityTypeBuilder<AnnotationProject> b)
    {
        b.Property(x => x.Name).HasMaxLength(AnnotationProject.MaxNameLength);
        b.Property(x => x.Instructions).HasMaxLength(AnnotationProject.MaxInstructionsLength);
        b.Property(x => x.SchemaRevision).IsConcurrencyToken();
        b.HasIndex(x => new { x.WorkspaceId, x.Name }).IsUnique();
        b.HasIndex(x => x.DatasetId);
        b.HasOne<Workspace>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Labels);
        b.Ignore(x => x.IsDetection);
    }
}

internal sealed class AnnotationTaskConfiguration : IEntityTypeConfiguration<AnnotationTask>
{
    public void Configure(EntityTypeBuilder<AnnotationTask> b)
    {
        b.Property(x => x.ReviewComment).HasMaxLength(AnnotationTask.MaxCommentLength);
        b.Property(x => x.LabelSet).HasMaxLength(4000);
        // A review reads the task and writes it back: a save in between (a conditional update) makes it fail, not overwrite.
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.HasIndex(x => new { x.ProjectId, x.ItemId, x.Replica }).IsUnique();
        b.HasIndex(x => new { x.ProjectId, x.Ordinal });
        b.HasIndex(x => new { x.ProjectId, x.State, x.Ordinal });
        b.HasIndex(x => new { x.ProjectId, x.HolderId });
        b.HasIndex(x => new { x.ProjectId, x.AnnotatedBy });
        b.HasOne<AnnotationProject>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Boxes);
    }
}
