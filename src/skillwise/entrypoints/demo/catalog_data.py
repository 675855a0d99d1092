"""The words demo courses are made of: topics by category, title and outline templates, prices."""

from __future__ import annotations

from skillwise.domain.catalog.course import CourseLevel

TOPICS = {
    "programming": ("Python", "JavaScript", "TypeScript", "Go", "Rust", "Django", "React", "SQL"),
    "design": ("Figma", "UI Design", "Typography", "Logo Design", "Colour Theory", "UX Research"),
    "business": (
        "Project Management",
        "Negotiation",
        "Startup Finance",
        "Leadership",
        "Product Management",
        "Public Speaking",
    ),
    "data-science": (
        "Pandas",
        "Machine Learning",
        "Statistics",
        "Data Visualisation",
        "Deep Learning",
        "Time Series",
    ),
    "marketing": (
        "SEO",
        "Content Marketing",
        "Email Marketing",
        "Social Media Ads",
        "Copywriting",
    ),
    "photography": (
        "Portrait Photography",
        "Lightroom",
        "Street Photography",
        "Smartphone Photography",
        "Studio Lighting",
    ),
    "music": ("Guitar", "Piano", "Music Theory", "Home Recording", "Songwriting"),
    "languages": ("Spanish", "Japanese", "French", "German", "Bangla", "English Grammar"),
}
CATEGORIES = tuple(TOPICS)

TITLES = (
    ("{topic} for Complete Beginners", CourseLevel.BEGINNER),
    ("{topic} Fundamentals", CourseLevel.BEGINNER),
    ("The Practical {topic} Course", CourseLevel.ALL_LEVELS),
    ("{topic} in Practice: Real Projects", CourseLevel.INTERMEDIATE),
    ("Mastering {topic}", CourseLevel.INTERMEDIATE),
    ("Advanced {topic} Techniques", CourseLevel.ADVANCED),
    ("{topic} Bootcamp: Zero to Confident", CourseLevel.ALL_LEVELS),
)
SUBTITLES = (
    "Learn {topic} step by step, with exercises after every lesson",
    "Build real skills in {topic} in {weeks} weeks, one small win at a time",
    "A hands-on path through {topic} for busy people",
    "Everything you need to use {topic} with confidence at work",
    "Clear explanations, worked examples and a final project in {topic}",
)
OUTCOMES = (
    "the core ideas of {topic} and the words professionals use",
    "a repeatable workflow you can use on your own projects",
    "how to avoid the mistakes most beginners make with {topic}",
    "how to judge your own work and keep improving",
    "a finished project to show in your portfolio",
    "where to go next once the course is over",
)
AUDIENCES = (
    "Complete beginners who want a structured start",
    "Self-taught learners filling the gaps",
    "Professionals adding {topic} to their toolkit",
    "Students preparing for their first job",
)
MODULE_STAGES = (
    "Getting Started",
    "Core Concepts",
    "Working Step by Step",
    "A Guided Project",
    "Going Further",
    "Polish and Best Practices",
    "Wrap-up and Next Steps",
)
LESSON_KINDS = (
    "Welcome and what you will build",
    "Setting up",
    "The big idea",
    "A worked example",
    "Common mistakes and how to avoid them",
    "Exercise",
    "Going deeper",
    "Quiz and recap",
    "Case study",
    "Tips from practice",
)
USD_PRICES = (999, 1499, 1999, 2499, 2999, 3999, 4999, 7999, 9999)
BDT_PRICES = (50000, 99900, 150000, 250000)
