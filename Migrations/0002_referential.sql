-- The référentiel métier of the accompagnateur de la vie associative (RNMA, shared/seeds/001):
-- its three missions, its transversal and specific functions, and the competences of each
-- function. Modules name the competences they develop (module_competence, next migration).

CREATE TABLE referential_area (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL CONSTRAINT referential_area_code_key UNIQUE,
    kind text NOT NULL CONSTRAINT referential_area_kind_check CHECK (kind IN ('mission', 'transversal', 'specific')),
    title text NOT NULL,
    position int NOT NULL
);

CREATE TABLE competence (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The function's code and the competence's rank in it: PARTENARIAT-3.
    code text NOT NULL CONSTRAINT competence_code_key UNIQUE,
    area_id bigint NOT NULL REFERENCES referential_area,
    title text NOT NULL,
    position int NOT NULL
);

INSERT INTO referential_area (code, kind, title, position) VALUES
    ('ORGANISATIONNEL', 'mission', 'Accompagnement organisationnel', 1),
    ('INTER-ASSOCIATIF', 'mission', 'Accompagnement inter-associatif', 2),
    ('TERRITOIRE', 'mission', 'Accompagnement de projet de territoire', 3),
    ('VEILLE', 'transversal', 'Veille', 4),
    ('ACCUEIL', 'transversal', 'Accueil', 5),
    ('CONTEXTE', 'transversal', 'Connaissance et analyse du contexte associatif et territorial', 6),
    ('RENFORCEMENT', 'transversal', 'Renforcement de compétences et capacités', 7),
    ('PROJET', 'transversal', 'Coordination et gestion de projet/dispositif', 8),
    ('EQUIPE', 'transversal', 'Travail en équipe', 9),
    ('COMMUNICATION', 'transversal', 'Information et communication', 10),
    ('RESEAU', 'transversal', 'Mise en réseau', 11),
    ('DECISION', 'transversal', 'Aide à la décision', 12),
    ('PARTENARIAT', 'transversal', 'Partenariat', 13),
    ('GESTION', 'specific', 'Gestion administrative et financière', 14),
    ('LOGISTIQUE', 'specific', 'Gestion de ressources et appui logistique', 15),
    ('REPRESENTATION', 'specific', 'Représentation', 16),
    ('EVENEMENTIEL', 'specific', 'Événementiel', 17),
    ('MEDIATION', 'specific', 'Médiation et gestion de conflits', 18),
    ('PLAIDOYER', 'specific', 'Plaidoyer', 19),
    ('RECHERCHE-ACTION', 'specific', 'Recherche-action et accompagnement de l''innovation sociale', 20);

INSERT INTO competence (code, area_id, title, position)
SELECT c.code, a.id, c.title, c.position
FROM (VALUES
    ('VEILLE-1', 'VEILLE', 'S''auto-former en se renseignant spécifiquement sur des thématiques nouvelles', 1),
    ('VEILLE-2', 'VEILLE', 'Rechercher des informations', 2),
    ('VEILLE-3', 'VEILLE', 'Mettre en place un dispositif et/ou une procédure de recueil régulière d''informations', 3),
    ('VEILLE-4', 'VEILLE', 'Transmettre les informations de manière vulgarisée', 4),
    ('ACCUEIL-1', 'ACCUEIL', 'Identifier un besoin', 1),
    ('ACCUEIL-2', 'ACCUEIL', 'Connaître les ressources disponibles pour y répondre', 2),
    ('CONTEXTE-1', 'CONTEXTE', 'Connaissances juridiques et réglementaires, et des principes du fonctionnement associatif', 1),
    ('CONTEXTE-2', 'CONTEXTE', 'Réaliser un diagnostic organisationnel et institutionnel', 2),
    ('CONTEXTE-3', 'CONTEXTE', 'Connaissance des acteurs du territoire', 3),
    ('CONTEXTE-4', 'CONTEXTE', 'Savoir impliquer les acteurs', 4),
    ('CONTEXTE-5', 'CONTEXTE', 'Savoir fédérer', 5),
    ('RENFORCEMENT-1', 'RENFORCEMENT', 'Identifier des besoins de formation et de renforcement de capacités', 1),
    ('RENFORCEMENT-2', 'RENFORCEMENT', 'Repérer et analyser des expériences et des pratiques', 2),
    ('RENFORCEMENT-3', 'RENFORCEMENT', 'Élaborer des modules de formation', 3),
    ('RENFORCEMENT-4', 'RENFORCEMENT', 'Identifier les bons intervenants', 4),
    ('RENFORCEMENT-5', 'RENFORCEMENT', 'Élaborer des parcours de renforcement de capacités', 5),
    ('RENFORCEMENT-6', 'RENFORCEMENT', 'Définir des scénarios de formation et d''échanges d''expériences et de pratiques', 6),
    ('RENFORCEMENT-7', 'RENFORCEMENT', 'Organiser et animer des formations d''adultes et des ateliers d''échanges d''expériences et de pratiques', 7),
    ('RENFORCEMENT-8', 'RENFORCEMENT', 'Tutorer', 8),
    ('RENFORCEMENT-9', 'RENFORCEMENT', 'Évaluer les apprentissages', 9),
    ('PROJET-1', 'PROJET', 'Maîtriser le cycle de projet', 1),
    ('PROJET-2', 'PROJET', 'Définir une stratégie de projet', 2),
    ('PROJET-3', 'PROJET', 'Conduire un projet', 3),
    ('PROJET-4', 'PROJET', 'Coordonner les parties prenantes', 4),
    ('PROJET-5', 'PROJET', 'Suivre et évaluer la mise en œuvre d''un projet', 5),
    ('EQUIPE-1', 'EQUIPE', 'Savoir définir et mettre en œuvre des actions de manière coopérative', 1),
    ('EQUIPE-2', 'EQUIPE', 'Connaître et animer des outils créatifs de coopération', 2),
    ('EQUIPE-3', 'EQUIPE', 'Coordonner des acteurs et des actions', 3),
    ('EQUIPE-4', 'EQUIPE', 'Capitaliser', 4),
    ('COMMUNICATION-1', 'COMMUNICATION', 'Rédiger des documents d''information grand public', 1),
    ('COMMUNICATION-2', 'COMMUNICATION', 'Adapter son discours à son interlocuteur', 2),
    ('COMMUNICATION-3', 'COMMUNICATION', 'Élaborer une stratégie de communication', 3),
    ('COMMUNICATION-4', 'COMMUNICATION', 'Utiliser des outils numériques de diffusion d''information', 4),
    ('COMMUNICATION-5', 'COMMUNICATION', 'Utiliser des outils graphiques', 5),
    ('COMMUNICATION-6', 'COMMUNICATION', 'Utiliser des outils participatifs', 6),
    ('RESEAU-1', 'RESEAU', 'Mettre en lien des acteurs autour de questions communes', 1),
    ('RESEAU-2', 'RESEAU', 'Accompagner la constitution et le développement d''un réseau', 2),
    ('DECISION-1', 'DECISION', 'Élaborer des scénarios', 1),
    ('DECISION-2', 'DECISION', 'Argumenter sur leurs avantages et inconvénients', 2),
    ('PARTENARIAT-1', 'PARTENARIAT', 'Identifier des partenaires potentiels', 1),
    ('PARTENARIAT-2', 'PARTENARIAT', 'Développer une interconnaissance', 2),
    ('PARTENARIAT-3', 'PARTENARIAT', 'Définir et négocier un projet commun', 3),
    ('PARTENARIAT-4', 'PARTENARIAT', 'Élaborer une charte et une convention de partenariat', 4),
    ('PARTENARIAT-5', 'PARTENARIAT', 'Gérer un projet partenarial', 5),
    ('PARTENARIAT-6', 'PARTENARIAT', 'Gérer une relation partenariale', 6),
    ('GESTION-1', 'GESTION', 'Établir des bilans d''activités', 1),
    ('GESTION-2', 'GESTION', 'Établir des bilans financiers', 2),
    ('GESTION-3', 'GESTION', 'Rédiger des rapports', 3),
    ('GESTION-4', 'GESTION', 'Établir un budget prévisionnel', 4),
    ('GESTION-5', 'GESTION', 'Suivre un budget', 5),
    ('LOGISTIQUE-1', 'LOGISTIQUE', 'Connaître les ressources disponibles et les mettre à disposition', 1),
    ('LOGISTIQUE-2', 'LOGISTIQUE', 'Élaborer des outils de suivi des utilisateurs', 2),
    ('REPRESENTATION-1', 'REPRESENTATION', 'Présenter son organisation, ses missions et activités', 1),
    ('REPRESENTATION-2', 'REPRESENTATION', 'Parler au nom de ...', 2),
    ('EVENEMENTIEL-1', 'EVENEMENTIEL', 'Préparer et organiser des événements grand public', 1),
    ('MEDIATION-1', 'MEDIATION', 'Diagnostic de conflit', 1),
    ('MEDIATION-2', 'MEDIATION', 'Élaboration d''une stratégie de médiation', 2),
    ('MEDIATION-3', 'MEDIATION', 'Conduite de médiation', 3),
    ('PLAIDOYER-1', 'PLAIDOYER', 'Définir une stratégie de plaidoyer', 1),
    ('PLAIDOYER-2', 'PLAIDOYER', 'Savoir argumenter et convaincre', 2),
    ('RECHERCHE-ACTION-1', 'RECHERCHE-ACTION', 'Cadrer une recherche-action et une expérimentation', 1),
    ('RECHERCHE-ACTION-2', 'RECHERCHE-ACTION', 'Faciliter l''intégration du droit à l''erreur', 2),
    ('RECHERCHE-ACTION-3', 'RECHERCHE-ACTION', 'Accompagner la mise en œuvre d''une expérimentation', 3),
    ('RECHERCHE-ACTION-4', 'RECHERCHE-ACTION', 'Accompagner l''évaluation de l''utilité sociale', 4)
) AS c(code, area, title, position)
JOIN referential_area a ON a.code = c.area;
