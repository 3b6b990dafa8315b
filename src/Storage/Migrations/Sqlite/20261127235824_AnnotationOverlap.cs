using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnnotationOverlap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AnnotationTasks_ProjectId_Ordinal",
                table: "AnnotationTasks");

            migrationBuilder.AddColumn<int>(
                name: "Replica",
                table: "AnnotationTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Overlap",
                table: "AnnotationProjects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_ItemId_Replica",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "ItemId", "Replica" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_Ordinal",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "Ordinal" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AnnotationTasks_ProjectId_ItemId_Replica",
                table: "AnnotationTasks");

            migrationBuilder.DropIndex(
                name: "IX_AnnotationTasks_ProjectId_Ordinal",
                table: "AnnotationTasks");

            migrationBuilder.DropColumn(
                name: "Replica",
                table: "AnnotationTasks");

            migrationBuilder.DropColumn(
                name: "Overlap",
                table: "AnnotationProjects");

            migrationBuilder.CreateIndex(
                name: "IX_AnnotationTasks_ProjectId_Ordinal",
                table: "AnnotationTasks",
                columns: new[] { "ProjectId", "Ordinal" },
                unique: true);
        }
    }
}
