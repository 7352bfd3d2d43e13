from django.apps import AppConfig


class MemoriesConfig(AppConfig):
    name = "rekindle.memories"
    verbose_name = "Memories, small wins and private notes"

    def ready(self):
        from django.db import transaction
        from django.db.models.signals import post_delete

        from rekindle.memories import exports
        from rekindle.memories.models import Photo
        from rekindle.spaces.exports import register

        for kind in exports.KINDS:
            register(kind)

        def delete_files(sender, instance, **kwargs):
            """However a photo goes (taken away, its memory deleted, an account closed), its files
            go too — once the deletion is committed, so a rolled-back delete keeps them."""
            files = [(f.storage, f.name) for f in (instance.image, instance.thumb) if f.name]

            def remove():
                for storage, name in files:
                    storage.delete(name)

            transaction.on_commit(remove)

        post_delete.connect(delete_files, sender=Photo, weak=False, dispatch_uid="memories-photo-files")
