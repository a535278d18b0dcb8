from members.roles import Role, role_required

# Every training page is for trainers (pelatih) and admins (pengurus).
trainer_or_admin = role_required(Role.TRAINER, Role.ADMIN)
