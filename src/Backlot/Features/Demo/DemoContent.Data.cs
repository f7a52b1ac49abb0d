using Backlot.Features.Taxonomy;

namespace Backlot.Features.Demo;

internal static partial class DemoContent
{
    internal static readonly Author[] Authors =
    [
        new Author(
            "maya-okafor",
            "Maya Okafor",
            "Maya covers film for Backlot and is happiest digging into production history and practical effects."),
        new Author(
            "theo-lindqvist",
            "Theo Lindqvist",
            "Theo writes about television, from network sitcoms to streaming dramas, "
            + "and keeps a running list of the best finales."),
        new Author(
            "priya-castellanos",
            "Priya Castellanos",
            "Priya is Backlot's news editor and looks after site updates, corrections and reader questions."),
    ];

    internal static readonly Category[] Categories =
    [
        new Category("movies", "Movies", "Film history, behind-the-scenes stories and what is worth watching."),
        new Category("tv", "TV", "Series, seasons and the episodes people are still talking about years later."),
        new Category("news", "News", "Updates from the Backlot newsroom and notes on how the site works."),
    ];

    internal static readonly Work[] Works =
    [
        new Work(
            "the-shining",
            "The Shining",
            WorkKind.Film,
            1980,
            ["Shining"],
            "Stanley Kubrick's take on Stephen King's novel: a writer agrees to look after a remote mountain hotel "
            + "through the winter, and the isolation slowly turns him against his own family."),
        new Work(
            "fight-club",
            "Fight Club",
            WorkKind.Film,
            1999,
            [],
            "David Fincher's adaptation of Chuck Palahniuk's novel, in which a sleepless office worker's friendship "
            + "with a soap salesman grows into an underground movement."),
        new Work(
            "the-dark-knight",
            "The Dark Knight",
            WorkKind.Film,
            2008,
            ["Batman: The Dark Knight"],
            "Christopher Nolan's second Batman film sets Christian Bale's Batman against Heath Ledger's Joker "
            + "in a contest for the soul of Gotham City."),
        new Work(
            "goodfellas",
            "Goodfellas",
            WorkKind.Film,
            1990,
            ["GoodFellas"],
            "Martin Scorsese's crime drama, drawn from Nicholas Pileggi's book Wiseguy, follows Henry Hill "
            + "through three decades inside the New York mob."),
        new Work(
            "interstellar",
            "Interstellar",
            WorkKind.Film,
            2014,
            [],
            "Christopher Nolan's science-fiction drama sends a small crew through a wormhole to look for a new home "
            + "for humanity, with physicist Kip Thorne advising on the science."),
        new Work(
            "parks-and-recreation",
            "Parks and Recreation",
            WorkKind.Series,
            2009,
            ["Parks & Recreation", "Parks and Rec"],
            "NBC's mockumentary comedy about Leslie Knope and the parks department of Pawnee, Indiana, "
            + "which ran for seven seasons."),
        new Work(
            "jane-the-virgin",
            "Jane the Virgin",
            WorkKind.Series,
            2014,
            [],
            "The CW's comedy-drama, adapted from a Venezuelan telenovela, follows Jane Villanueva after "
            + "a medical mix-up turns her carefully planned life upside down."),
        new Work(
            "how-i-met-your-mother",
            "How I Met Your Mother",
            WorkKind.Series,
            2005,
            ["HIMYM"],
            "CBS's sitcom tells nine seasons of friendship in New York as one long story "
            + "that Ted Mosby tells his children years later."),
        new Work(
            "glee",
            "Glee",
            WorkKind.Series,
            2009,
            [],
            "Fox's musical comedy-drama about a high-school show choir in Lima, Ohio, "
            + "and the students and teachers who keep it going."),
        new Work(
            "stranger-things",
            "Stranger Things",
            WorkKind.Series,
            2016,
            [],
            "Netflix's 1980s-set series about a group of kids in Hawkins, Indiana, a girl with extraordinary powers "
            + "and the dark mirror world that lies beneath their town."),
        new Work(
            "inception",
            "Inception",
            WorkKind.Film,
            2010,
            [],
            "Christopher Nolan's heist film about a team that enters people's dreams to steal ideas, "
            + "and is hired for the harder job of planting one."),
        new Work(
            "oppenheimer",
            "Oppenheimer",
            WorkKind.Film,
            2023,
            [],
            "Christopher Nolan's biographical drama follows J. Robert Oppenheimer through the Manhattan Project "
            + "and the security hearing that came years later."),
        new Work(
            "dune-part-two",
            "Dune: Part Two",
            WorkKind.Film,
            2024,
            [],
            "Denis Villeneuve's second Dune film follows Paul Atreides as he joins the Fremen of Arrakis "
            + "and is drawn toward war with House Harkonnen."),
        new Work(
            "the-bear",
            "The Bear",
            WorkKind.Series,
            2022,
            [],
            "FX's drama about a fine-dining chef who comes home to Chicago to run his family's struggling "
            + "sandwich shop, and the kitchen crew he inherits."),
        new Work(
            "severance",
            "Severance",
            WorkKind.Series,
            2022,
            [],
            "Apple TV+'s workplace thriller about employees of Lumon Industries whose memories have been split "
            + "between the office and the rest of their lives."),
    ];

    internal static readonly Person[] People =
    [
        new Person("stanley-kubrick", "Stanley Kubrick",
            "American director (1928–1999) of films including 2001: A Space Odyssey and The Shining."),
        new Person("stephen-king", "Stephen King",
            "American novelist whose 1977 book The Shining was the basis for Kubrick's film."),
        new Person("jack-nicholson", "Jack Nicholson",
            "American actor and three-time Academy Award winner who played Jack Torrance in The Shining."),
        new Person("shelley-duvall", "Shelley Duvall",
            "American actress (1949–2024) who played Wendy Torrance in The Shining."),
        new Person("danny-lloyd", "Danny Lloyd",
            "Former child actor who played Danny Torrance in The Shining and later became a teacher."),
        new Person("david-fincher", "David Fincher",
            "American director of Se7en, Fight Club, Zodiac and The Social Network."),
        new Person("edward-norton", "Edward Norton",
            "American actor who played the unnamed narrator in Fight Club."),
        new Person("brad-pitt", "Brad Pitt",
            "American actor and producer who played Tyler Durden in Fight Club."),
        new Person("christopher-nolan", "Christopher Nolan",
            "British-American director of The Dark Knight, Inception, Interstellar and Oppenheimer."),
        new Person("heath-ledger", "Heath Ledger",
            "Australian actor (1979–2008) who won a posthumous Academy Award as the Joker in The Dark Knight."),
        new Person("martin-scorsese", "Martin Scorsese",
            "American director whose films include Taxi Driver, Goodfellas and The Departed."),
        new Person("catherine-scorsese", "Catherine Scorsese",
            "Actress and cookbook author (1912–1997) who appeared in several of her son Martin Scorsese's films."),
        new Person("charles-scorsese", "Charles Scorsese",
            "Martin Scorsese's father (1913–1993), who took small roles in his son's films, including Goodfellas."),
        new Person("ray-liotta", "Ray Liotta",
            "American actor (1954–2022) who played Henry Hill in Goodfellas."),
        new Person("robert-de-niro", "Robert De Niro",
            "American actor and frequent Scorsese collaborator who played Jimmy Conway in Goodfellas."),
        new Person("joe-pesci", "Joe Pesci",
            "American actor who won an Academy Award for playing Tommy DeVito in Goodfellas."),
        new Person("kip-thorne", "Kip Thorne",
            "American theoretical physicist, Nobel laureate and scientific adviser on Interstellar."),
        new Person("cillian-murphy", "Cillian Murphy",
            "Irish actor who won an Academy Award for the title role in Oppenheimer."),
        new Person("denis-villeneuve", "Denis Villeneuve",
            "Canadian director of Arrival, Blade Runner 2049 and both Dune films."),
        new Person("timothee-chalamet", "Timothée Chalamet",
            "American actor who plays Paul Atreides in Denis Villeneuve's Dune films."),
        new Person("zendaya", "Zendaya",
            "American actor who plays Chani in Denis Villeneuve's Dune films."),
        new Person("chris-pratt", "Chris Pratt",
            "American actor who played Andy Dwyer in Parks and Recreation before leading film franchises."),
        new Person("amy-poehler", "Amy Poehler",
            "American comedian and actor who played Leslie Knope in Parks and Recreation."),
        new Person("adam-scott", "Adam Scott",
            "American actor who played Ben Wyatt in Parks and Recreation and Mark Scout in Severance."),
        new Person("gina-rodriguez", "Gina Rodriguez",
            "American actor who won a Golden Globe for the title role in Jane the Virgin."),
        new Person("brett-dier", "Brett Dier",
            "Canadian actor who played Michael Cordero in Jane the Virgin."),
        new Person("jason-segel", "Jason Segel",
            "American actor and writer who played Marshall Eriksen in How I Met Your Mother."),
        new Person("alyson-hannigan", "Alyson Hannigan",
            "American actor who played Lily Aldrin in How I Met Your Mother."),
        new Person("cory-monteith", "Cory Monteith",
            "Canadian actor (1982–2013) who played Finn Hudson in Glee."),
        new Person("david-harbour", "David Harbour",
            "American actor who plays police chief Jim Hopper in Stranger Things."),
        new Person("millie-bobby-brown", "Millie Bobby Brown",
            "British actor who plays Eleven in Stranger Things."),
        new Person("jeremy-allen-white", "Jeremy Allen White",
            "American actor who plays chef Carmen Berzatto in The Bear."),
        new Person("ben-stiller", "Ben Stiller",
            "American actor and director who directed much of the first season of Severance."),
    ];

    internal static readonly Article[] Articles =
    [
        new Article(
            "behind-the-scenes-details-that-made-scenes-memorable",
            "movies",
            "10 behind-the-scenes details that made these scenes unforgettable",
            "A child actor kept in the dark, a planned pause, a letter recorded for a co-star: "
            + "the off-camera stories behind some of the most affecting moments in film and TV.",
            """
            Some scenes stay with you long after the credits. Often the reason is right there on screen:
            a line, a look, a laugh nobody saw coming. Sometimes, though, the reason lies off camera,
            in a choice a director made or a surprise an actor never expected.

            Here are 10 of those stories, from Kubrick's snowbound hotel to a goodbye letter in Hawkins,
            and what each one added to a moment we still remember.
            """,
            "maya-okafor",
            2,
            ["behind the scenes", "trivia", "film history"],
            [
                "the-shining", "fight-club", "the-dark-knight", "goodfellas", "interstellar",
                "parks-and-recreation", "jane-the-virgin", "how-i-met-your-mother", "glee", "stranger-things",
            ],
            [
                "stanley-kubrick", "danny-lloyd", "jack-nicholson", "edward-norton", "brad-pitt",
                "heath-ledger", "christopher-nolan", "martin-scorsese", "catherine-scorsese", "ray-liotta",
                "robert-de-niro", "joe-pesci", "kip-thorne", "chris-pratt", "amy-poehler",
                "gina-rodriguez", "brett-dier", "jason-segel", "alyson-hannigan", "cory-monteith",
                "david-harbour", "millie-bobby-brown",
            ],
            "Behind the Scenes",
            "Hero card with the words Behind the Scenes in cream type over a dark film-strip pattern",
            "Ten films and series, and the off-camera choices that shaped them",
            [
                new Item(
                    "The Shining",
                    "the-shining",
                    """
                    Danny Lloyd was a small child when he played Danny Torrance, and Stanley Kubrick took care
                    that he did not learn, while filming, what kind of film he was in. The boy reportedly
                    believed he was making a family drama, which helps explain the unguarded innocence he
                    brings to scenes opposite Jack Nicholson.
                    """,
                    "The Shining",
                    "Title card for The Shining on a dark amber background",
                    "Kubrick's 1980 adaptation of Stephen King",
                    "Backlot illustration"),
                new Item(
                    "Fight Club",
                    "fight-club",
                    """
                    As the narrator wears down, the change is not all make-up. Edward Norton reportedly ate
                    less and stayed out of the sun during the shoot to look thinner and paler, while Brad Pitt
                    trained to sharpen Tyler Durden's physique. The growing contrast between the two men
                    tells part of the story before the plot does.
                    """,
                    "Fight Club",
                    "Title card for Fight Club in pink lettering on a charcoal background",
                    "David Fincher's 1999 adaptation of Chuck Palahniuk",
                    "Backlot illustration"),
                new Item(
                    "The Dark Knight",
                    "the-dark-knight",
                    """
                    As the Joker walks away from Gotham General, the blasts stall, he fumbles with the
                    detonator, and then the building erupts behind him. A popular story says the delay was an
                    accident that Heath Ledger improvised through, but Christopher Nolan has described the
                    pause as planned and rehearsed: a real building was coming down, so there was one take.
                    """,
                    "The Dark Knight",
                    "Title card for The Dark Knight in white on a smoky blue-black background",
                    "A real building came down for the hospital shot",
                    "Backlot illustration"),
                new Item(
                    "Goodfellas",
                    "goodfellas",
                    """
                    When Henry, Jimmy and Tommy stop for a late meal at Tommy's mother's house, the woman at
                    the head of the table is Catherine Scorsese, the director's own mother. She is also
                    credited with cooking food that appears on screen in the film, which helps the scene
                    feel like a real family table rather than a set.
                    """,
                    "Goodfellas",
                    "Title card for Goodfellas in red script on a deep green background",
                    "Martin Scorsese's 1990 crime drama",
                    "Backlot illustration"),
                new Item(
                    "Interstellar",
                    "interstellar",
                    """
                    To show the black hole Gargantua, the effects team at Double Negative built rendering
                    software from equations supplied by physicist Kip Thorne, tracing how light bends around
                    a spinning black hole. The results were careful enough that Thorne and the team published
                    their methods in peer-reviewed journals in 2015.
                    """,
                    "Interstellar",
                    "Title card for Interstellar with a glowing ring on a black background",
                    "Kip Thorne was the film's science adviser",
                    "Backlot illustration"),
                new Item(
                    "Parks and Recreation",
                    "parks-and-recreation",
                    """
                    In a second-season episode, Andy Dwyer turns up at Ann's door wearing nothing at all,
                    and Leslie Knope is the one who opens it. Chris Pratt has said he was meant to wear
                    modesty garments but dropped them for one take without warning, so Amy Poehler's
                    startled reaction in the broadcast version is entirely real.
                    """,
                    "Parks and Recreation",
                    "Title card for Parks and Recreation in green on a pale yellow background",
                    "Pawnee's parks department, 2009 to 2015",
                    "Backlot illustration"),
                new Item(
                    "Jane the Virgin",
                    "jane-the-virgin",
                    """
                    On the night Michael Cordero's death scene was filmed, Brett Dier left a video message
                    on Gina Rodriguez's phone, speaking as Michael. Rodriguez shared it with fans when the
                    episode aired in 2017, a glimpse of the real friendship behind the loss on screen.
                    """,
                    "Jane the Virgin",
                    "Title card for Jane the Virgin in magenta on a soft pink background",
                    "The CW's telenovela ran for five seasons",
                    "Backlot illustration"),
                new Item(
                    "How I Met Your Mother",
                    "how-i-met-your-mother",
                    """
                    Jason Segel knew the sixth-season episode "Bad News" would end with a twist, but asked
                    not to be told what it was. When Alyson Hannigan's Lily tells Marshall that his father
                    has died, Segel's stunned response is his first reaction to the news.
                    """,
                    "How I Met Your Mother",
                    "Title card for How I Met Your Mother in yellow on a navy background",
                    "The episode counts down from 50 in hidden numbers",
                    "Backlot illustration"),
                new Item(
                    "Glee",
                    "glee",
                    """
                    Cory Monteith, who played Finn Hudson, died in July 2013, and the show said goodbye to
                    him and his character in the fifth-season episode "The Quarterback". Before it was made,
                    the cast and crew came together to remember him, and much of the sorrow in its songs
                    and scenes was their own.
                    """,
                    "Glee",
                    "Title card for Glee in bold red letters on a white background",
                    "\"The Quarterback\" aired in October 2013",
                    "Backlot illustration"),
                new Item(
                    "Stranger Things",
                    "stranger-things",
                    """
                    Hopper never gives the talk he drafted about Eleven and Mike; it reaches her only as a
                    letter after he is presumed dead. David Harbour recorded the letter in advance, and
                    Millie Bobby Brown chose not to read it beforehand, so on set she heard his voice played
                    aloud while filming the season 3 finale.
                    """,
                    "Stranger Things",
                    "Title card for Stranger Things in glowing red outline on black",
                    "The third season arrived on Netflix in July 2019",
                    "Backlot illustration"),
            ]),

        new Article(
            "how-interstellars-black-hole-became-a-scientific-paper",
            "movies",
            "How Interstellar's black hole ended up in a physics journal",
            "To make Gargantua look right, Christopher Nolan's effects team had to solve real problems in physics.",
            """
            Most visual effects only have to look convincing. For *Interstellar*, Christopher Nolan wanted
            the black hole at the centre of the story to be grounded in real physics too, and that ambition
            took the work from a London effects house into the pages of scientific journals.

            ## Equations first, pictures second

            Kip Thorne, the theoretical physicist who served as the film's scientific adviser and an
            executive producer, supplied equations describing how light travels near a rapidly spinning
            black hole. The visual effects company Double Negative turned them into rendering software
            that followed light through curved space-time, producing the image of Gargantua with its
            glowing disc bent over and under the dark shadow at its centre.

            Getting there meant solving problems that ordinary rendering never faces. Stars passing near
            the edge of the shadow are stretched and multiplied by the black hole's gravity, and drawing
            them smoothly, frame after frame, at cinema resolution took new techniques.

            ## From film set to journal

            In 2015, Thorne and members of the Double Negative team described their work in two papers:
            one on gravitational lensing by spinning black holes in *Classical and Quantum Gravity*, and
            one on visualising the film's wormhole in the *American Journal of Physics*.

            The finished film is not a pure simulation. Some effects a real observer would see, such as
            one side of the disc appearing much brighter than the other because of its motion, were left
            out so that audiences would not be distracted. Two years later, Thorne shared the
            [2017 Nobel Prize in Physics](https://www.nobelprize.org/prizes/physics/2017/summary/) for his
            part in detecting gravitational waves, a reminder of the expertise behind the film's imagery.
            """,
            "maya-okafor",
            5,
            ["science", "visual effects", "black holes"],
            ["interstellar"],
            ["kip-thorne", "christopher-nolan"],
            "Gargantua",
            "Hero card showing a glowing ring around a black disc, with the word Gargantua beneath it",
            "The black hole at the heart of Interstellar",
            []),

        new Article(
            "backlot-launches-push-notifications",
            "news",
            "Backlot now sends push notifications",
            "Get new stories as they are published, straight to your browser, and switch them off whenever you like.",
            """
            You can now ask Backlot to tell you when new articles go up. Push notifications arrive through
            your browser, so there is nothing to install and no account to create.

            ## How to turn them on

            1. Open any page on Backlot.
            2. Choose the option to enable notifications and accept your browser's prompt.
            3. That's it: new articles will appear as notifications on your device.

            We only send a notification when an editor marks an article as worth one, so you will not get
            a ping for every small update. Each notification links straight to the article it announces.

            Changed your mind? You can turn notifications off at any time in your browser's site settings,
            and we will stop sending them straight away.

            We would like to hear how it works for you. If something looks wrong, or you are getting more
            notifications than you expected, let the newsroom know.
            """,
            "priya-castellanos",
            20,
            ["site news", "notifications"],
            [],
            [],
            "Never miss a story",
            "Hero card with a bell icon and the words Never miss a story on a teal background",
            "Notifications are opt-in and easy to switch off",
            []),

        new Article(
            "stranger-things-the-letter-scene-explained",
            "tv",
            "Stranger Things: the letter scene, explained",
            "Why Hopper's unsent speech to Eleven became the emotional centre of the third season.",
            """
            The third season of *Stranger Things* ends with a monster defeated, a family leaving town and a
            letter. The letter is the part most viewers remember.

            ## Where it comes from

            Early in the season, Jim Hopper is unsettled by how much time Eleven is spending with Mike.
            Joyce suggests he write down what he wants to say before talking to them. He drafts a
            heartfelt speech, loses his nerve, and settles for scaring Mike off instead.

            The speech comes back in the finale, "The Battle of Starcourt". Months after Hopper is
            presumed dead in the explosion beneath the mall, the letter reaches Eleven while the Byers
            family prepares to leave Hawkins. She reads it as his voice plays over the scene.

            ## What it says

            The letter is less a set of rules than a confession. Hopper admits he had shut his feelings
            away for years, that watching Eleven grow up frightens him, and that he wants her to keep
            changing anyway. It turns a running joke about an overprotective dad into a goodbye.

            ## How it was filmed

            David Harbour recorded the letter before the scene was shot, and Millie Bobby Brown chose not
            to read or rehearse it. On set, the recording was played aloud while she performed, so her
            reaction is built around hearing his voice rather than remembering the words.

            The fourth season later revealed that Hopper survived, but the scene still works as the
            show intended: a father saying the things he could not say face to face.
            """,
            "theo-lindqvist",
            44,
            ["stranger things", "explainer", "netflix"],
            ["stranger-things"],
            ["david-harbour", "millie-bobby-brown"],
            "The Letter",
            "Hero card with a folded handwritten letter and the words The Letter on a dark red background",
            "Hopper's unsent speech, read at last",
            []),

        new Article(
            "christopher-nolan-films-with-practical-effects",
            "movies",
            "4 Christopher Nolan films that put real effects in front of the camera",
            "Flipped trucks, spinning corridors and fields of corn: Nolan prefers to film the real thing.",
            """
            Christopher Nolan has long preferred to capture as much as he can in camera, using computer
            effects to extend real footage rather than replace it. The approach costs time and money, and
            it gives his actors something real to react to.

            Here are 4 of his films where that choice shows on screen.
            """,
            "maya-okafor",
            70,
            ["practical effects", "filmmaking", "christopher nolan"],
            ["the-dark-knight", "inception", "interstellar", "oppenheimer"],
            ["christopher-nolan", "cillian-murphy"],
            "In Camera",
            "Hero card with the words In Camera over an illustrated film camera on an orange background",
            "Four films, very little green screen",
            [
                new Item(
                    "The Dark Knight",
                    "the-dark-knight",
                    """
                    During the chase through Gotham, the production flipped a real articulated lorry end over
                    end on LaSalle Street in Chicago. The hospital explosion used a real building too, which
                    left no room for a second attempt.
                    """,
                    "The Dark Knight",
                    "Title card for The Dark Knight with an overturned truck silhouette on grey",
                    "Chicago stood in for Gotham City",
                    "Backlot illustration"),
                new Item(
                    "Inception",
                    "inception",
                    """
                    The weightless hallway fight was shot in a corridor set built to rotate, constructed inside
                    a former airship hangar at Cardington in England. The actors had to fight while the floor
                    became a wall around them.
                    """,
                    "Inception",
                    "Title card for Inception with a tilted corridor drawn on a slate background",
                    "The corridor really turned",
                    "Backlot illustration"),
                new Item(
                    "Interstellar",
                    "interstellar",
                    """
                    Instead of surrounding the cockpit with green screens, the crew projected images of space
                    outside the spacecraft windows so the cast could see what their characters saw. For the
                    farm scenes, the production grew its own large field of corn.
                    """,
                    "Interstellar",
                    "Title card for Interstellar with a cornfield under a starry sky",
                    "The cornfield on screen was planted for the film",
                    "Backlot illustration"),
                new Item(
                    "Oppenheimer",
                    "oppenheimer",
                    """
                    Nolan has said the Trinity test sequence was made without computer-generated imagery,
                    relying on practical explosions and close-up effects work. The film also uses
                    black-and-white IMAX footage, shot on film stock developed for the production.
                    """,
                    "Oppenheimer",
                    "Title card for Oppenheimer with a bright burst on a black background",
                    "Cillian Murphy in the title role",
                    "Backlot illustration"),
            ]),

        new Article(
            "tv-episodes-that-said-goodbye-with-care",
            "tv",
            "3 TV episodes that said goodbye with care",
            "Writing a death into a long-running show is hard. These episodes got it right.",
            """
            Long-running shows spend years asking us to love their characters, so losing one is a test
            of everything the writers have built. Done badly, it feels like a stunt. Done well, it can
            become the episode people remember most.

            Here are 3 episodes that handled a loss with restraint and respect for the audience.
            """,
            "theo-lindqvist",
            96,
            ["grief", "episodes", "television writing"],
            ["how-i-met-your-mother", "glee", "jane-the-virgin"],
            ["jason-segel", "alyson-hannigan", "cory-monteith", "gina-rodriguez", "brett-dier"],
            "Saying Goodbye",
            "Hero card with the words Saying Goodbye in white on a muted blue background",
            "Three goodbyes, handled gently",
            [
                new Item(
                    "How I Met Your Mother",
                    "how-i-met-your-mother",
                    """
                    "Bad News" spends most of its running time on a light story about Marshall and Lily
                    trying for a baby, while numbers in the background count down. The final scene swaps
                    the expected good news for the death of Marshall's father, with no music to soften it.
                    """,
                    "How I Met Your Mother",
                    "Title card for How I Met Your Mother with a countdown number on navy",
                    "Season six, 2011",
                    "Backlot illustration"),
                new Item(
                    "Glee",
                    "glee",
                    """
                    "The Quarterback" was made after Cory Monteith's death and never explains how Finn died.
                    Instead it follows his friends through a week of songs in his memory, which keeps the
                    focus on the person rather than the loss.
                    """,
                    "Glee",
                    "Title card for Glee with a letterman jacket outline on a red background",
                    "A tribute to Finn Hudson and Cory Monteith",
                    "Backlot illustration"),
                new Item(
                    "Jane the Virgin",
                    "jane-the-virgin",
                    """
                    The show's narrator had hinted at Michael's fate for years, yet his death in the third
                    season still lands as a shock. The story then jumps ahead in time, letting Jane's grief
                    show in how her life has changed rather than in a long series of scenes.
                    """,
                    "Jane the Virgin",
                    "Title card for Jane the Virgin with a single flower on a pink background",
                    "A death, then a leap forward in time",
                    "Backlot illustration"),
            ]),

        new Article(
            "why-the-shinings-hotel-still-confuses-fans",
            "movies",
            "Why The Shining's hotel still confuses fans",
            "The Overlook's rooms, windows and corridors do not add up. Whether that was the point is still debated.",
            """
            Watch *The Shining* closely and the Overlook Hotel starts to feel wrong in ways that are hard
            to name. Corridors seem to lead nowhere sensible, rooms sit where they could not fit, and the
            building never quite holds together as a real place.

            ## A hotel made of pieces

            Part of the reason is practical. The exterior shots show Timberline Lodge on Mount Hood in
            Oregon, while the interiors were built on sound stages at Elstree Studios near London. The
            hotel's grand lounge is widely said to be modelled on the Ahwahnee Hotel in Yosemite. No
            single building ever contained everything the film shows.

            ## Details that do not fit

            Viewers have long pointed to specific puzzles:

            - A window in the manager's office looks outside, though the office appears to sit deep
              inside the building.
            - Routes Danny rides on his tricycle do not join up the way the rest of the hotel suggests.
            - Doors and corridors that, drawn on a floor plan, would run straight through each other.

            Stephen King's novel used Room 217. The film changed it to 237, reportedly because the lodge
            did not want guests avoiding a real room.

            ## Design or accident?

            Stanley Kubrick was famous for control, which is why many fans believe the confusion was
            deliberate, a way of making the audience as lost as the Torrance family. Others think it is
            the ordinary result of stitching sets and locations together. The 2012 documentary
            *Room 237* collects several of these readings without settling the question.

            Either way, the effect is the same: the Overlook feels like a place you could never map,
            and that unease is a large part of why the film still works.
            """,
            "maya-okafor",
            130,
            ["stanley kubrick", "horror", "film analysis"],
            ["the-shining"],
            ["stanley-kubrick", "stephen-king", "jack-nicholson", "shelley-duvall", "danny-lloyd"],
            "The Overlook",
            "Hero card with a hotel corridor drawn in red and amber and the words The Overlook",
            "A hotel that never quite adds up",
            []),

        new Article(
            "how-to-watch-parks-and-recreation-in-order",
            "tv",
            "A guide to watching Parks and Recreation in order",
            "Seven seasons, one shaky start and a lot of waffles: how to get the most out of Pawnee.",
            """
            *Parks and Recreation* ran on NBC from 2009 to 2015, and it is one of those comedies people
            tell you to watch with a warning attached: the first season is not the show at its best.
            Here is how to approach it.

            ## Season one: short and worth it

            The first season is only six episodes long and leans towards the deadpan style of
            *The Office*, which came from the same producers. Leslie Knope is played more for
            awkwardness than warmth. Do not skip it, though: the pit that Andy Dwyer falls into in the
            pilot drives the whole season, and you will meet most of the department here.

            ## Seasons two and three: the show finds itself

            Season two warms everyone up, and its final episodes bring in Adam Scott as Ben Wyatt and
            Rob Lowe as Chris Traeger. Season three, a shorter run, is where many fans think the show
            hits its stride.

            ## A simple plan

            1. Watch season one in one or two sittings.
            2. Give season two a few episodes to settle in.
            3. From there, watch in order: the relationships build across seasons and reward patience.
            4. Save the final season for last. It jumps ahead to 2017 and plays as a long goodbye.

            Whatever you do, watch in broadcast order. The jokes keep calling back to earlier episodes,
            and Pawnee gets funnier the better you know it.
            """,
            "theo-lindqvist",
            170,
            ["guide", "comedy", "binge watching"],
            ["parks-and-recreation"],
            ["amy-poehler", "chris-pratt", "adam-scott"],
            "Welcome to Pawnee",
            "Hero card with the words Welcome to Pawnee on a green town sign design",
            "Where to start with Leslie Knope's parks department",
            []),

        new Article(
            "why-goodfellas-dinner-scenes-feel-lived-in",
            "movies",
            "Why Goodfellas' dinner scenes feel so lived-in",
            "Martin Scorsese filled his mob epic with family, sometimes literally.",
            """
            *Goodfellas* is remembered for its violence and its long tracking shots, but some of its most
            telling moments happen around a table. Martin Scorsese made those meals feel real by bringing
            his own family into them.

            ## Dinner at Tommy's mother's house

            Late one night, Henry, Jimmy and Tommy stop at Tommy's mother's house to borrow a few things,
            with a man they believe is dead in the boot of their car. She insists on feeding them.
            Tommy's mother is played by Catherine Scorsese, the director's mother, and Scorsese has said
            that apart from a line about one of her paintings, her part of the conversation was
            unscripted. Joe Pesci, Robert De Niro and Ray Liotta simply answered her.

            The result is funny and deeply uncomfortable at the same time: a warm, ordinary family meal
            played out by men who have just done something terrible.

            ## Cooking in prison

            Later, Henry's narration walks us through dinner in prison, where the men eat far better than
            anyone else inside. Paulie slices garlic with a razor blade, and Vinnie, who is in charge of
            the sauce, is played by Charles Scorsese, the director's father.

            Catherine Scorsese is also credited with cooking food that appears on screen, and her recipes
            were later collected in *Italianamerican: The Scorsese Family Cookbook*. The title echoes
            *Italianamerican*, her son's 1974 documentary about his parents.

            Small touches like these are why the film's world feels inhabited rather than designed. The
            food on the table is real, and so is much of the family around it.
            """,
            "maya-okafor",
            210,
            ["martin scorsese", "food", "film history"],
            ["goodfellas"],
            [
                "martin-scorsese", "catherine-scorsese", "charles-scorsese",
                "joe-pesci", "robert-de-niro", "ray-liotta",
            ],
            "Sunday Sauce",
            "Hero card with a pot of tomato sauce illustration and the words Sunday Sauce on cream",
            "Scorsese brought his parents to the table",
            []),

        new Article(
            "the-bear-and-severance-tv-workplaces",
            "tv",
            "The Bear and Severance: two very different takes on work",
            "One show is loud, hot and chaotic; the other is silent and spotless. "
            + "Both are about what a job takes from you.",
            """
            Two of the most talked-about series of 2022 were both set at work, and it is hard to imagine
            two workplaces less alike. *The Bear* lives in a cramped Chicago kitchen. *Severance* takes
            place in the quiet, endless corridors of Lumon Industries.

            ## The kitchen

            In *The Bear*, Jeremy Allen White plays Carmen Berzatto, a chef from the fine-dining world who
            returns home to run his family's sandwich shop after his brother's death. The show is built on
            noise and pressure: overlapping orders, tight spaces and people who care too much to stay
            calm. The first-season episode "Review" was filmed as a single continuous take, which traps
            the viewer in the kitchen with the staff.

            ## The office

            *Severance* imagines a procedure that splits a person's memory in two, so the worker at Lumon
            knows nothing of life outside, and the person outside knows nothing of work. Adam Scott plays
            Mark, and Ben Stiller directed much of the first season, giving the office its cold,
            symmetrical look. A second season followed in 2025.

            ## The shared question

            Different as they are, both shows ask how much of ourselves we hand over to a job. The kitchen
            crew cannot switch off; the Lumon workers are never allowed to switch on. Watching them side
            by side makes each one sharper.
            """,
            "theo-lindqvist",
            260,
            ["workplace", "drama", "streaming"],
            ["the-bear", "severance"],
            ["jeremy-allen-white", "adam-scott", "ben-stiller"],
            "Back to Work",
            "Hero card split between a steel kitchen and a white office, with the words Back to Work",
            "Two shows, two very different jobs",
            []),

        new Article(
            "how-backlot-handles-corrections",
            "news",
            "How Backlot handles corrections",
            "We will get things wrong sometimes. Here is what happens when we do.",
            """
            Every publication makes mistakes. What matters is how quickly and openly they are fixed.
            This is how Backlot handles them.

            ## What we correct

            When an article gets a fact wrong, such as a name, a date, a credit or a quote, we fix it
            and add a short note at the end of the article explaining what changed. We do not quietly
            rewrite a claim and hope nobody noticed.

            We also correct mismatches that readers spot in our own work. If a headline promises a
            number of entries, the list must contain exactly that many. Titles of films and series must
            be the real ones, spelled the way their makers spell them.

            ## What we fix without a note

            Typos, broken links and formatting slips are fixed without a note, as long as they do not
            change the meaning of what we wrote.

            ## Tell us

            If you spot something wrong, please let the newsroom know. Every report is read by an editor,
            and we would rather hear about a mistake than leave it standing.
            """,
            "priya-castellanos",
            310,
            ["corrections", "standards", "site news"],
            [],
            [],
            "Corrections",
            "Hero card with a red editing mark and the word Corrections on a white background",
            "Our policy on fixing mistakes",
            []),

        new Article(
            "dune-part-two-and-the-case-for-the-big-screen",
            "movies",
            "Dune: Part Two and the case for the biggest screen you can find",
            "Denis Villeneuve designed his desert epic for scale, and it shows.",
            """
            Some films survive the move to a laptop screen better than others. *Dune: Part Two* is not
            one of them, and that is meant as a compliment. Denis Villeneuve built the film around size:
            of deserts, of sandworms and of crowds.

            ## Shot for scale

            The film was shot with IMAX-certified digital cameras, and in IMAX cinemas the image opens
            up into a taller frame. Its desert scenes were filmed on location in Jordan and Abu
            Dhabi, so the sand, light and heat are real rather than painted in.

            ## A planet in black and white

            The most striking sequence takes place on the Harkonnen home world, Giedi Prime, under a
            black sun. Villeneuve and cinematographer Greig Fraser shot it with an infrared camera,
            giving the arena scenes a bleached, alien look that no colour grade could quite imitate.

            ## Sound you can feel

            Hans Zimmer's score and the film's heavy sound design were made for big rooms. The rumble of
            an approaching sandworm is as much felt as heard.

            Timothée Chalamet and Zendaya lead the cast, and the story is strong on any screen. But if
            you can see it large at least once, it is worth the trip.
            """,
            "maya-okafor",
            370,
            ["imax", "science fiction", "cinematography"],
            ["dune-part-two"],
            ["denis-villeneuve", "timothee-chalamet", "zendaya"],
            "Arrakis",
            "Hero card with sand dunes in orange and the word Arrakis in tall black letters",
            "Villeneuve's desert, made for the big screen",
            []),

        new Article(
            "what-makes-a-great-ensemble-comedy",
            "tv",
            "What makes a great ensemble comedy",
            "The best group sitcoms share a few habits. Here is what they get right.",
            """
            A great ensemble comedy feels like a group of people you could spend a weekend with. That
            feeling is harder to build than it looks, and the shows that manage it tend to share a few
            habits.

            ## A clear centre, with room around it

            *Parks and Recreation* has Leslie Knope at its heart, but Amy Poehler's performance leaves
            space for everyone else. *How I Met Your Mother* gives Ted the narration, yet its best
            episodes often belong to Marshall, Lily, Robin or Barney. A strong centre lets the edges
            get weird.

            ## Characters allowed to grow

            Andy Dwyer was reportedly meant to be a short-term role. Chris Pratt made him so likeable
            that the writers kept him, and he became one of the show's emotional anchors. The best
            ensembles notice what is working and follow it.

            ## Chemistry you cannot fake

            *Glee* could shift between comedy, melodrama and musical numbers because its young cast
            looked and sounded like a real group of friends. Casting that chemistry matters more than
            any single joke.

            ## Stakes that are small but real

            Ensembles rarely need big plots. A town festival, a wedding toast or a rehearsal can carry
            an episode if we care about the people involved. That care, built slowly across seasons,
            is the real trick.
            """,
            "theo-lindqvist",
            430,
            ["comedy", "sitcoms", "analysis"],
            ["parks-and-recreation", "how-i-met-your-mother", "glee"],
            ["amy-poehler", "chris-pratt", "jason-segel", "alyson-hannigan"],
            "The Ensemble",
            "Hero card with five overlapping speech bubbles and the words The Ensemble on yellow",
            "Why some TV friend groups simply work",
            []),

        new Article(
            "welcome-to-backlot",
            "news",
            "Welcome to Backlot",
            "A new home for stories about films and television, and the people who make them.",
            """
            Welcome to Backlot. We write about films and television: the stories behind the scenes,
            the history that shaped them and guides to what is worth your evening.

            ## What you will find here

            - **Movies**: production stories, retrospectives and explainers.
            - **TV**: guides, episode deep dives and series analysis.
            - **News**: updates from the newsroom and notes on how the site works.

            Every film and series we cover has its own page that gathers our articles about it, and the
            same goes for the people behind them. Tags link related stories across sections.

            ## How we work

            We check facts against reliable sources, we use the real titles of the works we cover, and
            when we make a mistake we say so and fix it. Our lists count correctly, too.

            Thanks for reading. We are glad you are here.
            """,
            "priya-castellanos",
            500,
            ["site news", "welcome"],
            [],
            [],
            "Welcome to Backlot",
            "Hero card with the Backlot name in bold white letters on a deep purple background",
            "Films, television and the people who make them",
            []),
    ];
}
